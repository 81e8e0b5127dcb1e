import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { signRequest } from '../../cloudfunctions/shared/integration/signature';
import { vendorSecretAad } from '../../cloudfunctions/pos-interface/src/repositories/integration-repository';
import { seal, type MasterKey } from '../../cloudfunctions/shared/domain/secret-box';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { createCollections } from '../../emulator/seed/seed';
import { DEMO, demoDocuments } from '../../emulator/seed/demo-data';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';
import { outboundTestEnv } from './admin-support';

export { DEMO };

export interface PosTestEnv {
  emulator: TestEmulator;
  db: Database;
  master: MasterKey;
}

/** An emulator with every collection, the demo data (store rest_123456, demo integration, menu). */
export async function startPosEnv(): Promise<PosTestEnv> {
  const masterKey = randomBytes(32).toString('base64');
  const emulator = await startTestEmulator({
    functionEnv: { SECRETS_MASTER_KEY: masterKey, SECRETS_MASTER_KEY_ID: 'test', LOG_LEVEL: 'error', ...outboundTestEnv() },
  });
  createCollections(emulator.db);
  const master = { id: 'test', key: Buffer.from(masterKey, 'base64') };
  for (const [collection, docs] of Object.entries(demoDocuments(master))) emulator.db.insertRaw(collection, docs);
  return { emulator, db: connectSdk(emulator.url).database(), master };
}

export interface TestIntegration {
  id: string;
  apiKey: string;
  /** our API secret (X-Signature) */
  secret: string;
  /** the vendor's own key (客如云 token / 二维火 app secret / 美团 signKey), when one was given */
  vendorSecret?: string;
}

/**
 * Adds an integration for store rest_123456 with the given overrides (status, ipWhitelist, …).
 * `vendorSecret` is the plaintext vendor key; it is sealed the way createIntegration stores it.
 */
export function addIntegration(env: PosTestEnv, { vendorSecret, ...overrides }: Record<string, unknown> & { vendorSecret?: string } = {}): TestIntegration {
  const id = `posint_${randomBytes(6).toString('hex')}`;
  const apiKey = `pk_${randomBytes(16).toString('hex')}`;
  const secret = `sk_${randomBytes(32).toString('hex')}`;
  const now = new Date();
  const vendorKey =
    vendorSecret === undefined ? {} : { vendorSecret: seal(vendorSecret, env.master, vendorSecretAad(apiKey)), vendorSecretFingerprint: 'test' };
  env.emulator.db.insertRaw('pos_integrations', [
    {
      _id: id,
      name: '测试收银',
      vendor: 'standard',
      storeId: DEMO.storeId,
      restaurantId: DEMO.storeId,
      apiKey,
      secret: seal(secret, env.master, apiKey),
      secretFingerprint: 'test',
      previousSecrets: [],
      endpoint: '',
      webhookUrl: '',
      events: ['menu.sync.completed', 'order.carbon.calculated', 'carbon.label.updated'],
      ipWhitelist: [],
      rateLimitPerMinute: 100,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      ...vendorKey,
      ...overrides,
    },
  ]);
  return { id, apiKey, secret, ...(vendorSecret === undefined ? {} : { vendorSecret }) };
}

export const demoIntegration: TestIntegration = { id: DEMO.pos.integrationId, apiKey: DEMO.pos.apiKey, secret: DEMO.pos.apiSecret };

export interface SignOptions {
  timestamp?: number;
  nonce?: string;
  headers?: Record<string, string>;
  /** sign this body but send `body` (tampering) */
  signedBody?: string;
  secret?: string;
  apiKey?: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function signedHeaders(
  integration: TestIntegration,
  method: string,
  pathWithQuery: string,
  rawBody: string,
  options: SignOptions = {},
): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? newNonce();
  const signature = signRequest({ method, pathWithQuery, timestamp, nonce, rawBody: options.signedBody ?? rawBody }, options.secret ?? integration.secret);
  return {
    'content-type': 'application/json',
    'x-api-key': options.apiKey ?? integration.apiKey,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signature,
    ...options.headers,
  };
}

/** A signed request through the HTTP access gateway, exactly as a POS would send it. */
export async function signedCall(
  env: PosTestEnv,
  integration: TestIntegration,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: SignOptions = {},
) {
  const rawBody = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signedHeaders(integration, method, path, rawBody, options);
  return env.emulator.http(method, path, { body: method === 'GET' ? undefined : rawBody, headers });
}

/** The seed 000 §3.4 request example, verbatim. */
export const SEED_ORDER_EXAMPLE = `{
  "orderId": "POS_ORDER_202501151030001",
  "restaurantId": "rest_123456",
  "orderTime": "2025-01-15T10:30:00Z",
  "items": [
    {
      "menuItemId": "menu_001",
      "itemName": "素麻婆豆腐",
      "quantity": 2,
      "unitPrice": 38.00,
      "totalPrice": 76.00
    }
  ],
  "totalAmount": 76.00,
  "customerInfo": {
    "customerId": "customer_001",
    "phone": "138****1234"
  }
}`;

export function order(orderId: string, overrides: Record<string, unknown> = {}) {
  return {
    orderId,
    restaurantId: DEMO.storeId,
    orderTime: '2025-01-15T10:30:00Z',
    items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38, totalPrice: 76 }],
    totalAmount: 76,
    ...overrides,
  };
}

export async function countWhere(env: PosTestEnv, collection: string, where: Record<string, unknown> = {}): Promise<number> {
  return (await env.db.collection(collection).where(where).count()).total;
}

/** Counts of every collection an inbound request may write (auth failures must leave all unchanged). */
export async function writableCounts(env: PosTestEnv): Promise<Record<string, number>> {
  const names = ['pos_orders', 'pos_sync_logs', 'pos_nonces', 'pos_tokens', 'menu_items', 'webhook_outbox'];
  const counts = await Promise.all(names.map((n) => countWhere(env, n)));
  return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
}

export interface Receiver {
  url: string;
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

const tls = { key: readFileSync(join(__dirname, 'fixtures', 'localhost-key.pem')), cert: readFileSync(join(__dirname, 'fixtures', 'localhost-cert.pem')) };

/** A local https webhook receiver standing in for the POS (outbound calls are https only). */
export async function startReceiver(
  reply: (req: IncomingMessage, body: string, res: ServerResponse) => void = (_q, _b, res) => res.end('{"code":0}'),
): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      reply(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
