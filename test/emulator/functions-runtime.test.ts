import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimerScheduler } from '../../emulator/timers';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const fixtures = join(__dirname, 'fixtures', 'functions');

// A developer's machine in China: functions must still run in UTC, as in the cloud.
process.env.TZ = 'Asia/Shanghai';

describe('emulator function runtime, bridge, gateway and timers', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ functionsRoot: fixtures, dataDir: mkdtempSync(join(tmpdir(), 'emu-rt-')) });
    emulator.db.ensureCollection('ticks');
  });
  afterAll(() => emulator.stop());

  it('gives the function the bridge caller identity through getWXContext', async () => {
    const context = await emulator.call<Record<string, string>>('caller', { action: 'whoami' }, 'user-openid-1');
    expect(context).toMatchObject({ OPENID: 'user-openid-1', APPID: emulator.appId, ENV: emulator.envId, SOURCE: 'wx_client' });
    expect(context).not.toHaveProperty('API_TOKEN');
    const withUnion = await emulator.http('POST', '/functions/caller', {
      body: { action: 'whoami' },
      headers: { 'x-wx-openid': 'user-openid-1', 'x-wx-unionid': 'union-1' },
    });
    expect(withUnion.json.result).toMatchObject({ OPENID: 'user-openid-1', UNIONID: 'union-1' });
  });

  it('hands mini-program events over with userInfo, as CloudBase does, and runs functions in UTC', async () => {
    const reply = await emulator.call<{ event: Record<string, unknown>; timezoneOffset: number }>('caller', { action: 'echo', n: 1 }, 'user-openid-3');
    expect(reply.event).toEqual({ action: 'echo', n: 1, userInfo: { appId: emulator.appId, openId: 'user-openid-3' } });
    expect(reply.timezoneOffset).toBe(0);
  });

  it('runs cloud.callFunction between functions with the same caller', async () => {
    const reply = await emulator.call<any>('caller', { n: 7 }, 'user-openid-2');
    expect(reply.self).toBe('user-openid-2');
    expect(reply.callee).toMatchObject({ openid: 'user-openid-2', source: 'wx_client,scf', got: { from: 'caller', n: 7 } });
    // results cross the platform as JSON, exactly like CloudBase
    expect(reply.callee.at).toBe('1970-01-01T00:00:00.000Z');
  });

  it('keeps identities apart under concurrency', async () => {
    const openids = Array.from({ length: 12 }, (_, i) => `concurrent-${i}`);
    const replies = await Promise.all(openids.map((o) => emulator.call<any>('caller', { n: 1 }, o)));
    expect(replies.map((r) => [r.self, r.callee.openid])).toEqual(openids.map((o) => [o, o]));
  });

  it('fails a call that exceeds config.json timeout and recovers afterwards', async () => {
    await expect(emulator.call('slow', {})).rejects.toThrow(/timed out after 1 seconds/);
    // the timed-out instance was retired; the next call gets a fresh one and completes
    await expect(emulator.call('slow', { ms: 10 })).resolves.toEqual({ done: true });
  });

  it('reports a function error as a callFunction failure, without a stack', async () => {
    const error = (await emulator.call('caller', { action: 'crash' }).catch((e: Error) => e)) as Error;
    expect(error.message).toContain('cloud.callFunction:fail fixture crash');
    expect(error.message).not.toMatch(/\n\s+at |index\.js:\d+/);
  });

  it('fails a call whose result is over 6 MB, like CloudBase; 5 MB is fine', async () => {
    await expect(emulator.call('caller', { action: 'big', bytes: 7 * 1024 * 1024 })).rejects.toThrow(/exceeds 6 MB/);
    expect(((await emulator.call('caller', { action: 'big', bytes: 5 * 1024 * 1024 })) as string).length).toBe(5 * 1024 * 1024);
  });

  it('bounds a function’s heap by its config.json memorySize', async () => {
    await expect(emulator.call('hog', { mb: 4 })).resolves.toEqual({ held: 4 });
    await expect(emulator.call('hog', { mb: 400 })).rejects.toThrow(/crashed|memory|exited/i);
    // the crashed instance is replaced
    await expect(emulator.call('hog', { mb: 4 })).resolves.toEqual({ held: 4 });
  });

  it('answers 404 for an unknown function on the bridge', async () => {
    const reply = await emulator.http('POST', '/functions/missing', { body: {} });
    expect(reply.status).toBe(404);
  });

  it('fires a timer trigger on demand through the control endpoint', async () => {
    const fired = await emulator.http('POST', '/_emulator/timers/ticker');
    expect(fired.status).toBe(200);
    const cloud = connectSdk(emulator.url);
    const { data } = await cloud.database().collection('ticks').where({ trigger: 'everySecond' }).get();
    expect(data.length).toBeGreaterThanOrEqual(1);
    expect(data[0]).toMatchObject({ type: 'Timer', source: 'wx_trigger' });
  });

  it('fires timers on schedule when started', async () => {
    const cloud = connectSdk(emulator.url);
    const before = (await cloud.database().collection('ticks').count()).total;
    emulator.timers.start();
    await new Promise((r) => setTimeout(r, 2600));
    emulator.timers.stop();
    const after = (await cloud.database().collection('ticks').count()).total;
    expect(after - before).toBeGreaterThanOrEqual(2);
  });
});

describe('cron semantics (CloudBase 7-field, Asia/Shanghai)', () => {
  it('reads second … year and runs in Shanghai time', () => {
    const next = TimerScheduler.parse('0 0 2 1 * * *').nextRun(new Date('2026-03-05T00:00:00Z'));
    // 02:00 on the 1st in Shanghai is 18:00 UTC on the last day of the previous month
    expect(next?.toISOString()).toBe('2026-03-31T18:00:00.000Z');
  });

  it('ORs day-of-month and day-of-week like CloudBase', () => {
    // 10th of the month OR Mondays, at 00:00:00 Shanghai
    const job = TimerScheduler.parse('0 0 0 10 * 1 *');
    const runs = job.nextRuns(3, new Date('2026-06-01T00:00:00+08:00')).map((d) => d.toISOString());
    expect(runs).toEqual(['2026-06-07T16:00:00.000Z', '2026-06-09T16:00:00.000Z', '2026-06-14T16:00:00.000Z']);
  });

  it('honours the year field', () => {
    expect(TimerScheduler.parse('0 0 0 1 1 * 2030').nextRun(new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2029-12-31T16:00:00.000Z');
  });
});
