import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringifyEjson } from '../database/ejson';
import { DEMO, useDemoPosSimulator } from '../seed/demo-data';
import type { Emulator, SimulatorDefinition } from '../types';
import { jsonControl } from './json-control';
import { perDataDir, simulatorPort } from './per-data-dir';
import { loadPosTls } from './pos-tls';

/**
 * A simulated POS (收银系统) on its own https port, so menu push and webhooks run locally end to
 * end: the demo integration's endpoint is `https://127.0.0.1:<port>/pos` and its webhook URL
 * `…/pos/webhooks` (seed). The functions reach it only through configuration the emulator sets:
 * the SSRF guard's allowlist `OUTBOUND_ALLOW_HOSTS=127.0.0.1:<port>` and its certificate
 * (generated in the data folder, pos-tls.ts) as `OUTBOUND_CA_PEM`.
 *
 * It verifies what it receives as a real POS would (X-Signature over method, path, timestamp,
 * nonce and raw body with the integration's secret; the webhook body's own `signature`; fresh
 * timestamp; unused nonce), records it, answers like the standard protocol, and can be told to
 * fail webhooks (failNext / setStatus) to show retries and the dead letters.
 *
 * Port: POS_SIMULATOR_PORT, else the emulator's port + 1 (8788 for `npm start`).
 */

export interface PosReceipt {
  at: string;
  kind: 'ping' | 'menu-push' | 'webhook' | 'other';
  method: string;
  path: string;
  apiKey: string;
  /** X-Signature verified with the secret this POS holds for the API key, timestamp fresh, nonce unused */
  signatureValid: boolean;
  /** webhooks: the body's `signature` over eventId, event and timestamp */
  bodySignatureValid?: boolean;
  event?: string;
  eventId?: string;
  itemCount?: number;
  /** the HTTP status this POS answered */
  status: number;
}

const SKEW_SECONDS = 300;

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');
function sameHex(a: string, b: string): boolean {
  return /^[0-9a-f]{64}$/.test(a) && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
const header = (req: IncomingMessage, name: string) => String(req.headers[name] ?? '');

export class PosSimulator {
  readonly received: PosReceipt[] = [];
  /** secrets this POS was configured with, by API key (the demo integration's by default) */
  readonly credentials = new Map<string, string>([[DEMO.pos.apiKey, DEMO.pos.apiSecret]]);
  /** print each request on the emulator's console */
  echo = true;
  url: string | undefined;
  private server: Server | undefined;
  private readonly nonces = new Set<string>();
  private failing: { remaining: number; status: number } | undefined;
  private stickyStatus: number | undefined;

  /** Fault: the next `count` webhooks are answered with `status` (default 503). */
  failNext(count = 1, status = 503): void {
    this.failing = { remaining: count, status };
  }

  /** Fault: every webhook is answered with `status` until `setStatus(undefined)` (or `recover()`). */
  setStatus(status: number | undefined): void {
    this.stickyStatus = status;
  }

  recover(): void {
    this.failing = undefined;
    this.stickyStatus = undefined;
  }

  trust(apiKey: string, secret: string): void {
    this.credentials.set(apiKey, secret);
  }

  get listening(): boolean {
    return !!this.server?.listening;
  }

  listen(port: number, tls: { cert: string; key: string }): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer(tls, (req, res) => this.serve(req, res));
    this.server = server;
    this.url = `https://127.0.0.1:${port}`;
    return new Promise((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        console.warn(`[收银模拟器] 无法监听端口 ${port}（${error.code ?? error.message}）：设置 POS_SIMULATOR_PORT 换一个端口`);
        this.server = undefined;
        resolve();
      });
      server.listen(port, '127.0.0.1', () => {
        // the emulator's process may end without closing it (Ctrl-C, a test file's end)
        server.unref();
        resolve();
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [status, reply] = this.answer(req, Buffer.concat(chunks).toString('utf8'));
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(reply));
    });
  }

  private answer(req: IncomingMessage, body: string): [number, unknown] {
    const path = req.url ?? '/';
    const pathname = path.split('?')[0];
    const kind: PosReceipt['kind'] = pathname.endsWith('/ping')
      ? 'ping'
      : pathname.endsWith('/menu/sync')
        ? 'menu-push'
        : pathname.endsWith('/webhooks')
          ? 'webhook'
          : 'other';
    const apiKey = header(req, 'x-api-key');
    const secret = this.credentials.get(apiKey);
    const timestamp = header(req, 'x-timestamp');
    const nonce = header(req, 'x-nonce');
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= SKEW_SECONDS;
    const signed =
      !!secret &&
      fresh &&
      !this.nonces.has(nonce) &&
      sameHex(header(req, 'x-signature'), hmac(secret, `${req.method}\n${path}\n${timestamp}\n${nonce}\n${body}`));
    if (signed) this.nonces.add(nonce);
    const receipt: PosReceipt = { at: new Date().toISOString(), kind, method: req.method ?? '', path, apiKey, signatureValid: signed, status: 200 };
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    if (kind === 'menu-push') receipt.itemCount = Array.isArray(parsed?.menuItems) ? parsed.menuItems.length : 0;
    if (kind === 'webhook') {
      receipt.event = String(parsed?.event ?? '');
      receipt.eventId = header(req, 'x-event-id');
      receipt.bodySignatureValid =
        !!secret && sameHex(String(parsed?.signature ?? ''), hmac(secret, `${receipt.eventId}\n${receipt.event}\n${String(parsed?.timestamp ?? '')}`));
    }
    let reply: [number, unknown];
    const fault = kind === 'webhook' ? this.takeFault() : undefined;
    if (!signed) reply = [401, { code: 401, message: '签名无效' }];
    else if (fault) reply = [fault, { code: fault, message: '收银模拟器：按要求返回失败' }];
    else if (kind === 'menu-push') reply = [200, { code: 0, message: 'ok', data: { failedItems: [] } }];
    else if (kind === 'other') reply = [404, { code: 404, message: '收银模拟器没有这个地址' }];
    else reply = [200, { code: 0, message: kind === 'ping' ? 'pong' : 'ok' }];
    receipt.status = reply[0];
    this.received.push(receipt);
    if (this.echo) console.log(`[收银模拟器] ${describe(receipt)}`);
    return reply;
  }

  private takeFault(): number | undefined {
    if (this.failing && this.failing.remaining > 0) {
      this.failing.remaining -= 1;
      return this.failing.status;
    }
    return this.stickyStatus;
  }
}

function describe(r: PosReceipt): string {
  const signature = r.signatureValid ? '签名有效' : '签名无效';
  if (r.kind === 'menu-push') return `收到菜单推送 ${r.itemCount} 道菜，${signature}，应答 ${r.status}`;
  if (r.kind === 'webhook') return `收到回调 ${r.event}（${r.eventId}），${signature}，正文签名${r.bodySignatureValid ? '有效' : '无效'}，应答 ${r.status}`;
  if (r.kind === 'ping') return `收到连通性测试，${signature}，应答 ${r.status}`;
  return `收到 ${r.method} ${r.path}，应答 ${r.status}`;
}

// One simulator per data folder: `functionEnv` (before the emulator starts) opens its port, the
// emulator's control routes and tests find it through `instance(emulator)`.
const instances = perDataDir(() => new PosSimulator());
const simulatorFor = instances.forDataDir;

export const posSimulatorFor = instances.forEmulator;

/** POS_SIMULATOR_PORT, else the emulator's port + 1; undefined when the emulator's port is not known yet. */
export const posSimulatorPort = (emulatorUrl: string): number | undefined => simulatorPort('POS_SIMULATOR_PORT', 1, emulatorUrl);

function configure(dataDir: string, emulatorUrl: string): Record<string, string> {
  const port = posSimulatorPort(emulatorUrl);
  if (!port) return {};
  const tls = loadPosTls(dataDir);
  void simulatorFor(dataDir).listen(port, tls);
  useDemoPosSimulator(`https://127.0.0.1:${port}/pos`);
  return { OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}`, OUTBOUND_CA_PEM: tls.cert };
}

/** Makes the pending webhooks due now and runs the pos-interface timer: one retry round without waiting. */
async function retryNow(emulator: Emulator): Promise<[number, unknown]> {
  await emulator.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'webhook_outbox',
    queryType: 'WHERE',
    query: stringifyEjson({ status: 'pending' }),
    data: stringifyEjson({ $set: { nextAttemptAt: new Date(Date.now() - 1000) } }),
    multi: true,
    merge: true,
  });
  const outcome = await emulator.timers.fire('pos-interface');
  const records = emulator.db
    .readAll('webhook_outbox')
    .map((r) => ({ _id: r._id, event: r.event, status: r.status, attempts: r.attempts, lastError: r.lastError }));
  return [outcome.ok ? 200 : 502, { timer: outcome.ok, webhooks: records }];
}

const SUBCOMMANDS: Record<string, { method: 'GET' | 'POST'; path: string; body?: object }> = {
  received: { method: 'GET', path: '/_emulator/pos/received' },
  push: { method: 'POST', path: '/_emulator/pos/push' },
  fail: { method: 'POST', path: '/_emulator/pos/fail', body: { always: true } },
  'fail-once': { method: 'POST', path: '/_emulator/pos/fail', body: { count: 1 } },
  recover: { method: 'POST', path: '/_emulator/pos/recover' },
  'retry-now': { method: 'POST', path: '/_emulator/pos/retry-now' },
};

/**
 * Control routes:
 *   GET  /_emulator/pos/received                   what the simulated POS received (signatures checked)
 *   POST /_emulator/pos/push {syncType?}           the demo admin pushes the demo store's menu (pos-interface pushMenu)
 *   POST /_emulator/pos/fail {count?|always?, status?}  webhooks fail (503 by default)
 *   POST /_emulator/pos/recover                    webhooks succeed again
 *   POST /_emulator/pos/retry-now                  pending webhooks due now + the pos-interface timer
 */
export const posSystem: SimulatorDefinition<PosSimulator> = {
  name: 'pos',
  summary: '收银系统（https，本地生成证书）：接收菜单推送与签名回调并验签，可按要求失败',
  controlRoutes: [
    {
      prefix: '/_emulator/pos/',
      summary: '查看收到的请求、推送示范菜单、让回调失败或恢复、立即重试',
      handle: jsonControl('POS_SIMULATOR_ERROR', {
        'GET /_emulator/pos/received': (_body, emulator) => {
          const simulator = posSimulatorFor(emulator);
          return [200, { url: simulator.url ?? null, listening: simulator.listening, received: simulator.received }];
        },
        'POST /_emulator/pos/push': async (body, emulator) => {
          const event = {
            action: 'pushMenu',
            integrationId: DEMO.pos.integrationId,
            syncType: body.syncType === 'incremental' ? 'incremental' : 'full',
            userInfo: { openId: DEMO.adminOpenid, appId: emulator.appId },
          };
          const outcome = await emulator.runtime.invoke('pos-interface', event, { openid: DEMO.adminOpenid, appid: emulator.appId, source: 'wx_client' });
          return [outcome.ok ? 200 : 502, outcome.ok ? outcome.result : { code: 'INVOKE_FAILED', message: outcome.errorMessage }];
        },
        'POST /_emulator/pos/fail': (body, emulator) => {
          const simulator = posSimulatorFor(emulator);
          const status = Number(body.status ?? 503);
          if (body.always) simulator.setStatus(status);
          else simulator.failNext(Number(body.count ?? 1), status);
          return [200, { failing: body.always ? 'always' : Number(body.count ?? 1), status }];
        },
        'POST /_emulator/pos/recover': (_body, emulator) => {
          posSimulatorFor(emulator).recover();
          return [200, { failing: false }];
        },
        'POST /_emulator/pos/retry-now': (_body, emulator) => retryNow(emulator),
      }),
    },
  ],
  cliVerbs: [
    {
      verb: 'pos',
      argument: `<${Object.keys(SUBCOMMANDS).join('|')}>`,
      summary: '收银模拟器：查看收到的请求、推送示范菜单、让回调失败 / 恢复、立即重试待投递的回调',
      request: (subcommand) => (subcommand && Object.hasOwn(SUBCOMMANDS, subcommand) ? SUBCOMMANDS[subcommand] : undefined),
    },
  ],
  instance: (emulator) => posSimulatorFor(emulator),
  faults: {
    failNext: 'the next N webhooks are answered with an HTTP error (503 unless told)',
    setStatus: 'every webhook is answered with this HTTP status until cleared',
  },
  functionEnv: configure,
};
