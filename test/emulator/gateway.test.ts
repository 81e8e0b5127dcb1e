import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

describe('HTTP access gateway', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    // A project root whose cloudbaserc.json routes /v1/fixture to the fixture function.
    const projectRoot = mkdtempSync(join(tmpdir(), 'emu-gw-'));
    writeFileSync(
      join(projectRoot, 'cloudbaserc.json'),
      JSON.stringify({
        gateway: {
          routes: [
            { path: '/v1/fixture', target: 'function:caller', enablePathTransmission: true },
            { path: '/short', target: 'function:caller' },
            { path: '/', target: 'hosting:site' },
          ],
        },
      }),
    );
    mkdirSync(join(projectRoot, 'data'));
    emulator = await startTestEmulator({ projectRoot, functionsRoot: join(__dirname, 'fixtures', 'functions'), dataDir: join(projectRoot, 'data') });
  });
  afterAll(() => emulator.stop());

  it('turns a request into the HTTP-access event and the reply into the response', async () => {
    const body = JSON.stringify({ hello: '世界' });
    const reply = await emulator.http('POST', '/v1/fixture/orders/1?b=2&a=1', { body, headers: { 'X-Custom': 'v' } });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-fixture')).toBe('yes');
    const { event } = reply.json;
    expect(event).toMatchObject({
      path: '/v1/fixture/orders/1',
      httpMethod: 'POST',
      queryStringParameters: { a: '1', b: '2' },
      body,
      isBase64Encoded: false,
    });
    expect(event.headers['x-custom']).toBe('v');
    // like CloudBase: no raw request line; functions rebuild the query from queryStringParameters
    expect(event.headers).not.toHaveProperty('x-original-uri');
    expect(event.requestContext).toMatchObject({ envId: emulator.envId });
  });

  it('appends the peer address to X-Forwarded-For like a proxy, so a client cannot pose as another IP', async () => {
    const reply = await emulator.http('GET', '/v1/fixture/ip', { headers: { 'X-Forwarded-For': '10.9.9.9' } });
    expect(reply.json.event.headers['x-forwarded-for']).toBe('10.9.9.9, 127.0.0.1');
    const direct = await emulator.http('GET', '/v1/fixture/ip');
    expect(direct.json.event.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('passes the full path only to routes with enablePathTransmission, like the CloudBase gateway', async () => {
    expect((await emulator.http('GET', '/short/orders/7')).json.event.path).toBe('/orders/7');
    expect((await emulator.http('GET', '/short')).json.event.path).toBe('/');
    expect((await emulator.http('GET', '/v1/fixture/orders/7')).json.event.path).toBe('/v1/fixture/orders/7');
  });

  it('base64-encodes binary bodies', async () => {
    const response = await fetch(`${emulator.url}/v1/fixture`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 1, 2, 255]),
    });
    const { event } = (await response.json()) as { event: { body: string; isBase64Encoded: boolean } };
    expect(event.isBase64Encoded).toBe(true);
    expect([...Buffer.from(event.body, 'base64')]).toEqual([0, 1, 2, 255]);
  });

  it('answers 413 to a body over 6 MB without calling the function', async () => {
    const response = await fetch(`${emulator.url}/v1/fixture`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(7 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it('sends no CORS headers: a web page cannot drive the bridge; OPTIONS on an HTTP access path reaches the function', async () => {
    const preflight = await fetch(`${emulator.url}/functions/caller`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const bridged = await fetch(`${emulator.url}/functions/caller`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bridged.headers.get('access-control-allow-origin')).toBeNull();
    const routed = await emulator.http('OPTIONS', '/v1/fixture/orders/1');
    expect(routed.json.event.httpMethod).toBe('OPTIONS');
  });

  it('returns 404 outside the configured paths', async () => {
    expect((await emulator.http('GET', '/v2/elsewhere')).status).toBe(404);
    expect((await emulator.http('GET', '/v1/fixtureX')).status).toBe(404);
    // static hosting targets are deployed by tcb, not served by the emulator
    expect((await emulator.http('GET', '/index.html')).status).toBe(404);
  });
});
