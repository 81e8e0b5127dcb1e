import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createCollections } from '../../emulator/seed/seed';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';

export const ADMIN = 'pos-admin-openid';
export const MANAGER = 'pos-manager-openid';
export const OTHER_MANAGER = 'pos-other-manager-openid';
export const DINER = 'pos-diner-openid';
export const STORE = 'store_pos_a';
export const OTHER_STORE = 'store_pos_b';

export interface PosAdminEnv {
  emulator: TestEmulator;
  db: Database;
  masterKey: string;
  /** calls a pos-interface action as `openid` and returns the envelope */
  call<T = any>(action: string, data?: Record<string, unknown>, openid?: string): Promise<{ code: number; message: string; data: T; details?: any }>;
}

/**
 * What the functions of a test emulator are configured with to reach the local receivers: the
 * receivers' self-signed certificate (fixtures/) as an extra trust anchor, and the SSRF guard's
 * allowlist (`127.0.0.1`, any port, unless a test gives its own `host:port` entries).
 */
export function outboundTestEnv(allowHosts = '127.0.0.1'): Record<string, string> {
  return { OUTBOUND_CA_PEM: readFileSync(join(__dirname, 'fixtures', 'localhost-cert.pem'), 'utf8'), OUTBOUND_ALLOW_HOSTS: allowHosts };
}

export async function startPosAdminEnv(options: { allowHosts?: string } = {}): Promise<PosAdminEnv> {
  const masterKey = randomBytes(32).toString('base64');
  const emulator = await startTestEmulator({
    functionEnv: { SECRETS_MASTER_KEY: masterKey, SECRETS_MASTER_KEY_ID: 'test', ...outboundTestEnv(options.allowHosts) },
  });
  createCollections(emulator.db);
  emulator.db.insertRaw('staff', [
    { _id: 'staff_pos_admin', openid: ADMIN, name: '接入管理员', role: 'admin', storeIds: [], status: 'active' },
    { _id: 'staff_pos_manager', openid: MANAGER, name: '店长甲', role: 'manager', storeIds: [STORE], status: 'active' },
    { _id: 'staff_pos_other', openid: OTHER_MANAGER, name: '店长乙', role: 'manager', storeIds: [OTHER_STORE], status: 'active' },
  ]);
  const db = connectSdk(emulator.url).database();
  return {
    emulator,
    db,
    masterKey,
    call: (action, data = {}, openid = ADMIN) => emulator.call('pos-interface', { action, ...data }, openid),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const tls = {
  key: readFileSync(join(__dirname, 'fixtures', 'localhost-key.pem')),
  cert: readFileSync(join(__dirname, 'fixtures', 'localhost-cert.pem')),
};

/** A local https server standing in for a POS system or a webhook receiver. */
export async function startReceiver(
  handle: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>,
): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void>; server: Server }> {
  const requests: RecordedRequest[] = [];
  const server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      void Promise.resolve(handle(recorded, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
