import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

describe('HTTP access gateway', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    // A project root whose cloudbaserc.json routes /v1/fixture to the fixture function.
    const projectRoot = mkdtempSync(join(tmpdir(), 'emu-gw-'));
    writeFileSync(join(projectRoot, 'cloudbaserc.json'), JSON.stringify({ httpAccess: [{ path: '/v1/fixture', function: 'caller' }] }));
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
    expect(event.headers['x-original-uri']).toBe('/v1/fixture/orders/1?b=2&a=1');
    expect(event.requestContext).toMatchObject({ envId: emulator.envId });
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

  it('returns 404 outside the configured paths', async () => {
    expect((await emulator.http('GET', '/v2/elsewhere')).status).toBe(404);
    expect((await emulator.http('GET', '/v1/fixtureX')).status).toBe(404);
  });
});
