import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sendHttp } from './http-sender';
import { OUTBOUND_UNAVAILABLE_MESSAGE, parseAllowList, type Resolver } from './outbound-guard';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'pos-interface', 'fixtures');
const cert = readFileSync(join(fixtures, 'localhost-cert.pem'), 'utf8');
let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  process.env.OUTBOUND_CA_PEM = cert;
  server = createServer({ cert, key: readFileSync(join(fixtures, 'localhost-key.pem')) }, (req, res) => {
    seen.push(`${req.socket.localAddress} ${req.url}`);
    res.end('{"code":0}');
  });
  // 127.0.0.2: an address the system resolver never gives for "localhost"
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  delete process.env.OUTBOUND_CA_PEM;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('sendHttp', () => {
  it('connects to the address the guard checked, not to a second DNS answer (no rebinding)', async () => {
    let lookups = 0;
    const resolve: Resolver = async () => {
      lookups += 1;
      return [{ address: '127.0.0.2', family: 4 }];
    };
    const result = await sendHttp(
      { method: 'GET', url: `https://localhost:${port}/ping`, timeoutMs: 3000 },
      { allow: parseAllowList(`localhost:${port}`), resolve },
    );
    expect(result).toMatchObject({ ok: true, status: 200, text: '{"code":0}' });
    expect(lookups).toBe(1);
    expect(seen.at(-1)).toBe('127.0.0.2 /ping');
  });

  it('refuses a private target without connecting: one message, no timing', async () => {
    let lookups = 0;
    const resolve: Resolver = async () => {
      lookups += 1;
      return [{ address: '127.0.0.2', family: 4 }];
    };
    const before = seen.length;
    const result = await sendHttp({ method: 'POST', url: `https://localhost:${port}/hook`, body: '{}', timeoutMs: 3000 }, { allow: new Set(), resolve });
    expect(result).toEqual({ ok: false, status: 0, text: '', durationMs: 0, error: OUTBOUND_UNAVAILABLE_MESSAGE });
    expect(lookups).toBe(1);
    expect(seen.length).toBe(before);
  });

  it('answers a resolver that never answers within the timeout, with the same message', async () => {
    const hanging: Resolver = () => new Promise(() => undefined);
    const started = Date.now();
    const result = await sendHttp({ method: 'GET', url: 'https://pos.example.com/ping', timeoutMs: 200 }, { allow: new Set(), resolve: hanging });
    expect(result).toMatchObject({ ok: false, status: 0, durationMs: 0, error: OUTBOUND_UNAVAILABLE_MESSAGE });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
