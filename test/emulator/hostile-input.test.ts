/**
 * Issue #12 item 1: deeply nested JSON must not crash the emulator or leave function instances
 * busy. The bridge and the gateway refuse absurd nesting with a 400 before parsing; the runtime
 * settles a call at once when the event cannot be handed to an instance (structured clone gives
 * up with a RangeError), so nothing stays busy and nothing throws later from a timer.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonDepth, MAX_JSON_DEPTH, tooDeep } from '../../emulator/http/json-depth';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const fixtures = join(__dirname, 'fixtures', 'functions');
const DEEP = 6000;
/** `{"action":"ping","x":` + 6,000 nested `[]` + `}` (≈ 12 KB), as in the report. */
const deepBody = (action = 'ping') => `{"action":"${action}","x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
const deepValue = (): unknown => {
  let value: unknown = [];
  for (let i = 0; i < DEEP; i += 1) value = [value];
  return value;
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('json depth scan', () => {
  it('counts object and array nesting in one pass, not brackets inside strings', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth('"just a string"')).toBe(0);
    expect(tooDeep(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe(false);
    expect(tooDeep(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toBe(true);
    // stops at the limit: a 1 MB run of brackets costs one scan, no recursion
    expect(jsonDepth('['.repeat(1024 * 1024), 10)).toBe(11);
  });
});

describe('deeply nested JSON (issue #12 item 1)', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    const projectRoot = mkdtempSync(join(tmpdir(), 'emu-deep-'));
    writeFileSync(join(projectRoot, 'cloudbaserc.json'), JSON.stringify({ gateway: { routes: [{ path: '/v1/fixture', target: 'function:caller' }] } }));
    mkdirSync(join(projectRoot, 'data'));
    emulator = await startTestEmulator({ projectRoot, functionsRoot: fixtures, dataDir: join(projectRoot, 'data') });
    // a warm instance, so the timings below measure the emulator, not a cold start
    await emulator.call('caller', { action: 'echo' });
  });
  afterAll(() => emulator.stop());

  it('answers 5 concurrent bridge calls nested 6,000 deep with 400, and the function still answers at once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${emulator.url}/functions/caller`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deepBody() }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await replies[0].json()).toMatchObject({ errMsg: expect.stringContaining(`deeper than ${MAX_JSON_DEPTH} levels`) });
    const { value, ms } = await timed(() => emulator.call<{ event: { action: string } }>('caller', { action: 'echo' }));
    expect(value.event.action).toBe('echo');
    console.log(`bridge: call after 5 deep requests answered in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it('the runtime settles a call whose event cannot be handed over, without keeping an instance busy', async () => {
    // Past the bridge's check (as a nested call or a timer could): 5 calls on a 4-instance pool.
    const { value: outcomes, ms } = await timed(() =>
      Promise.all(Array.from({ length: 5 }, () => emulator.runtime.invoke('caller', { action: 'echo', x: deepValue() }))),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, false, false]);
    expect(outcomes[0].errorMessage).toMatch(/event could not be handed to the function/);
    // well under the fixture's 5 s timeout: nothing waited for a timer
    expect(ms).toBeLessThan(2000);
    const next = await timed(() => emulator.call<{ event: { action: string } }>('caller', { action: 'echo' }));
    expect(next.value.event.action).toBe('echo');
    console.log(`runtime: call after 5 unhandable events answered in ${next.ms.toFixed(1)} ms`);
    expect(next.ms).toBeLessThan(1000);
    // ...and still after the fixture's timeout, when a busy instance's timer would have fired
    await new Promise((resolve) => setTimeout(resolve, 5500));
    await expect(emulator.call('caller', { action: 'echo' })).resolves.toMatchObject({ event: { action: 'echo' } });
  }, 20000);

  it('answers a JSON body nested too deep on an HTTP access path with 400 before the function sees it', async () => {
    const reply = await emulator.http('POST', '/v1/fixture', { body: deepBody() });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ code: 'REQUEST_TOO_DEEP' });
    // a normal body still goes through
    expect((await emulator.http('POST', '/v1/fixture', { body: { a: [[1]] } })).status).toBe(201);
  });

  it('answers a control request nested too deep with 400', async () => {
    const reply = await emulator.http('POST', '/_emulator/wxpay/pay', { body: deepBody() });
    expect(reply.status).toBe(400);
  });
});
