/**
 * Issue #12 item 2: a web page in the developer's browser cannot drive the emulator. The Host
 * must name the emulator (DNS rebinding), a cross-site Origin is refused except WeChat's, JSON
 * endpoints take only JSON, and `/admin` takes only requests the SDK signed with the emulator's
 * own credentials — while the real SDK, the functions and the mini-program's wx.request keep working.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostAllowed, originAllowed } from '../../emulator/http/access';
import { verifyAdminSignature } from '../../emulator/http/admin-auth';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

const fixtures = join(__dirname, 'fixtures', 'functions');

/** A raw request, so the Host header can be anything (fetch always sends the URL's). */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('who may talk to the emulator (issue #12 item 2)', () => {
  let emulator: TestEmulator;
  let host: string;

  beforeAll(async () => {
    const projectRoot = mkdtempSync(join(tmpdir(), 'emu-access-'));
    writeFileSync(join(projectRoot, 'cloudbaserc.json'), JSON.stringify({ gateway: { routes: [{ path: '/v1/fixture', target: 'function:caller' }] } }));
    mkdirSync(join(projectRoot, 'data'));
    emulator = await startTestEmulator({ projectRoot, functionsRoot: fixtures, dataDir: join(projectRoot, 'data'), allowedHosts: ['devbox.lan'] });
    emulator.db.ensureCollection('notes');
    host = `127.0.0.1:${emulator.port}`;
  });
  afterAll(() => emulator.stop());

  it.each(['/functions/caller', '/admin', '/_emulator/wxpay/pay', '/_emulator/stats', '/v1/fixture'])(
    'refuses a DNS-rebinding request (Host: evil.example) to %s',
    async (path) => {
      const reply = await raw(
        emulator.url,
        path === '/_emulator/stats' ? 'GET' : 'POST',
        path,
        { host: `evil.example:${emulator.port}`, 'content-type': 'application/json' },
        path === '/_emulator/stats' ? undefined : '{"action":"ping"}',
      );
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'EMULATOR_HOST_REFUSED' });
    },
  );

  it('takes loopback names with its port and configured hosts, nothing else', () => {
    const policy = { port: 8787, allowedHosts: ['localhost', '127.0.0.1', '[::1]', 'devbox.lan', 'proxy.lan:443'], allowedOrigins: [] };
    expect(
      ['localhost:8787', '127.0.0.1:8787', '[::1]:8787', 'LOCALHOST:8787', 'devbox.lan:8787', 'proxy.lan:443'].filter((h) => !hostAllowed(h, policy)),
    ).toEqual([]);
    expect(
      ['localhost', '127.0.0.1:9999', 'evil.example:8787', 'localhost.evil.example:8787', '127.0.0.1.nip.io:8787', 'devbox.lan:80', '', undefined].filter((h) =>
        hostAllowed(h, policy),
      ),
    ).toEqual([]);
    expect(originAllowed(undefined, policy)).toBe(true);
    expect(originAllowed('https://servicewechat.com', policy)).toBe(true);
    expect(
      ['https://evil.example', 'null', 'http://127.0.0.1:8787.evil.example', 'https://servicewechat.com.evil.example'].filter((o) => originAllowed(o, policy)),
    ).toEqual([]);
  });

  it('serves loopback and configured Host names', async () => {
    for (const name of [`localhost:${emulator.port}`, `devbox.lan:${emulator.port}`, host]) {
      expect((await raw(emulator.url, 'GET', '/_emulator/health', { host: name })).status).toBe(200);
    }
  });

  it.each(['/functions/caller', '/admin', '/_emulator/wxpay/pay'])(
    'refuses a cross-site text/plain POST (Origin: https://evil.example) to %s',
    async (path) => {
      const reply = await raw(
        emulator.url,
        'POST',
        path,
        { host, origin: 'https://evil.example', 'content-type': 'text/plain' },
        '{"action":"ping","outTradeNo":"x"}',
      );
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.text)).toMatchObject({ code: 'EMULATOR_ORIGIN_REFUSED' });
    },
  );

  it.each(['/functions/caller', '/admin', '/_emulator/wxpay/pay'])('takes only JSON on %s, even without an Origin', async (path) => {
    const reply = await raw(emulator.url, 'POST', path, { host, 'content-type': 'text/plain' }, '{"action":"ping","outTradeNo":"x"}');
    expect(reply.status).toBe(415);
  });

  it('takes the mini-program’s wx.request: no Origin (DevTools) or https://servicewechat.com', async () => {
    const devtools: Record<string, string>[] = [
      {},
      { origin: 'https://servicewechat.com', referer: 'https://servicewechat.com/wx0000000000local/devtools/page-frame.html' },
    ];
    for (const headers of devtools) {
      const reply = await raw(
        emulator.url,
        'POST',
        '/functions/caller',
        { host, 'content-type': 'application/json', 'x-wx-openid': 'o1', ...headers },
        '{"action":"echo"}',
      );
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text).result.event.action).toBe('echo');
    }
    // an HTTP access path is the public gateway: its function answers whatever the Origin
    expect((await raw(emulator.url, 'POST', '/v1/fixture', { host, origin: 'https://pos.example', 'content-type': 'application/json' }, '{}')).status).toBe(
      201,
    );
  });

  it('refuses an unsigned /admin request with 401, even a well-formed JSON one', async () => {
    const body = JSON.stringify({ action: 'database.getDocument', collectionName: 'notes', queryType: 'WHERE', limit: 10 });
    const reply = await raw(emulator.url, 'POST', '/admin', { host, 'content-type': 'application/json' }, body);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.text)).toMatchObject({ code: 'EMULATOR_SIGNATURE_INVALID' });
  });

  it('refuses /admin requests signed with other credentials or a wrong key', async () => {
    const stranger = connectSdk(emulator.url, 'local-dev', { secretId: 'AKIDstranger', secretKey: 'not-the-key' });
    await expect(stranger.database().collection('notes').get()).rejects.toThrow();
    const wrongKey = connectSdk(emulator.url, 'local-dev', { secretId: emulator.credentials.secretId, secretKey: 'not-the-key' });
    await expect(wrongKey.database().collection('notes').get()).rejects.toThrow();
  });

  it('verifies exactly what the real SDK signed: a changed field, an added field or another host fails', async () => {
    // Capture what the real SDK sends (to a spy server), then check it the way /admin does.
    const captured: { headers: Record<string, string>; body: string; url: string }[] = [];
    const spy = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        captured.push({ headers: req.headers as Record<string, string>, body: text, url: req.url ?? '/' });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"list":[]}}');
      });
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
    try {
      await connectSdk(`http://127.0.0.1:${(spy.address() as { port: number }).port}`, 'local-dev', emulator.credentials)
        .database()
        .collection('notes')
        .where({ a: 1 })
        .get();
    } finally {
      spy.close();
    }
    const [{ headers, body, url }] = captured;
    const check =
      (text: string, extraHeaders: Record<string, string> = {}) =>
      () =>
        verifyAdminSignature(
          { method: 'POST', url, headers: { ...headers, ...extraHeaders } } as unknown as IncomingMessage,
          JSON.parse(text),
          emulator.credentials,
        );
    expect(check(body)).not.toThrow();
    expect(check(JSON.stringify({ ...JSON.parse(body), collectionName: 'other' }))).toThrow(/signature does not match/);
    expect(check(JSON.stringify({ ...JSON.parse(body), transactionId: 'tx' }))).toThrow(/unsigned fields: transactionid/);
    expect(check(body, { host: `127.0.0.1:${emulator.port}` })).toThrow(/signature does not match/);
    expect(check(body, { 'x-timestamp': String(Number(headers['x-timestamp']) - 3600) })).toThrow(/expired|date/);
  });

  it('the real SDK, signed with the emulator’s credentials, works; so do functions calling /admin', async () => {
    const cloud = connectSdk(emulator.url);
    await cloud
      .database()
      .collection('notes')
      .add({ data: { text: 'signed' } });
    expect((await cloud.database().collection('notes').where({ text: 'signed' }).count()).total).toBe(1);
    // caller → cloud.callFunction → /admin functions.invokeFunction → callee, signed inside the function
    const reply = await emulator.call<{ callee: { got: { from: string } } }>('caller', { n: 1 }, 'o2');
    expect(reply.callee.got.from).toBe('caller');
  });
});
