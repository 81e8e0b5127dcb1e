import { request } from 'node:http';
import { MAX_BODY_BYTES } from '../../emulator/http/body';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

const MB = 1024 * 1024;

/**
 * POSTs up to `totalBytes` in 256 KB chunks, stopping as soon as the server answers: a server that
 * reads the whole body before answering would only answer after all of it was sent.
 */
function postStreaming(url: string, path: string, totalBytes: number, declareLength: boolean): Promise<{ status: number; sentBytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(totalBytes) } : {}) },
    });
    let sentBytes = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBytes, body });
      });
    });
    // Once answered, the server may close while we are still writing: that is the point.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(256 * 1024, 'x');
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('one capped body reader for every endpoint', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());

  it.each(['/_emulator/wxpay/pay', '/_emulator/wxpay/payscore/confirm', '/_emulator/wxpay-v3/v3/payscore/serviceorder', '/admin', '/_emulator/health'])(
    'answers 413 to a 48 MB body on %s from its Content-Length, without reading it',
    async (path) => {
      const reply = await postStreaming(emulator.url, path, 48 * MB, true);
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ message: 'request body too large' });
      expect(reply.sentBytes).toBeLessThan(MAX_BODY_BYTES);
    },
  );

  it('answers 413 to a chunked body once it passes 6 MB, without reading the rest', async () => {
    const reply = await postStreaming(emulator.url, '/_emulator/wxpay/pay', 48 * MB, false);
    expect(reply.status).toBe(413);
    expect(reply.sentBytes).toBeLessThan(24 * MB);
  });

  it('still takes a body under the cap there, and keeps serving afterwards', async () => {
    const reply = await emulator.http('POST', '/_emulator/wxpay/pay', { body: { outTradeNo: 'no-such-order', pad: 'x'.repeat(MB) } });
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ code: 'WXPAY_SIMULATOR_ERROR' });
    expect((await emulator.http('GET', '/_emulator/health')).json).toMatchObject({
      ok: true,
      simulators: ['wxpay', 'payscore', 'openapi', 'pos', 'cabinet', 'printer'],
    });
  });
});
