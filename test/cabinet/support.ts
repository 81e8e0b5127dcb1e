import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { cabinetVendor } from '../../emulator/simulators/cabinet';
import { cabinetSimulatorFor, type CabinetSimulator } from '../../emulator/simulators/cabinet-vendor';
import { loadSandboxKeys, payScoreSandboxFor, sandboxFunctionEnv, type PayScoreSandbox } from '../../emulator/wechat/payscore-sandbox';
import { signedHeaders } from '../../cloudfunctions/shared/integration/sign-outbound';
import { signRequest } from '../../cloudfunctions/shared/integration/signature';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

export const DEVICE = DEMO.deviceCode;
export const STORE = DEMO.storeId;
export const VENDOR = DEMO.cabinetVendor;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface CabinetHarness {
  emulator: TestEmulator;
  sim: CabinetSimulator;
  sandbox: PayScoreSandbox;
  /** a diner with a bound phone and `tickets` gift tickets */
  diner(tickets?: number, phone?: boolean): string;
  /** the diner authorizes Pay Score (smart retail): through the product's own request and the sandbox */
  authorize(openid: string): Promise<void>;
  call<T = any>(action: string, input: Record<string, unknown>, openid: string): Promise<{ code: number; message: string; data: T; details?: any }>;
  /** a signed vendor push straight to the cabinet routes (as the vendor would send it) */
  push(
    path: string,
    body: Record<string, unknown>,
    options?: { secret?: string; apiKey?: string; timestamp?: Date; nonce?: string },
  ): Promise<{ status: number; json: any }>;
  doc<T = any>(collection: string, id: string): T | null;
  where<T = any>(collection: string, query: Record<string, unknown>): T[];
  count(collection: string): number;
  /** waits until the sandbox and the simulator have nothing in flight */
  settle(): Promise<void>;
  fireTimer(): Promise<void>;
  stop(): Promise<void>;
}

const get = (doc: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);

let seq = 0;
export const requestId = () => `rq${Date.now().toString(36)}${++seq}${randomBytes(3).toString('hex')}`;

/** The emulator as `npm start` configures it (demo seed, Pay Score sandbox, the 小麦 simulator), plus test helpers. */
export async function startCabinetHarness(env: Record<string, string> = {}): Promise<CabinetHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-test-'));
  const keys = loadSandboxKeys(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  process.env.CABINET_SIMULATOR_PORT = String(await freePort());
  const functionEnv = {
    SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
    SECRETS_MASTER_KEY_ID: 'test',
    WXPAY_SUB_MCH_ID: '1900000109',
    LOG_LEVEL: 'warn',
    ...sandboxFunctionEnv(keys, url),
    ...cabinetVendor.functionEnv!(dataDir, url),
    ...env,
  };
  const emulator = await startTestEmulator({ dataDir, port, functionEnv, echoLogs: !!process.env.CABINET_TEST_LOGS });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
  const sim = cabinetSimulatorFor(emulator);
  sim.echo = false;
  sim.configure({ openDelayMs: 10, autoCloseMs: null, heartbeatMs: null });
  const sandbox = payScoreSandboxFor(emulator);
  let dinerSeq = 0;
  const store = () => emulator.db;

  const harness: CabinetHarness = {
    emulator,
    sim,
    sandbox,
    diner(tickets = 0, phone = true) {
      const openid = `diner-cab-${Date.now().toString(36)}-${++dinerSeq}`;
      store().insertRaw('members', [
        {
          _id: openid,
          openid,
          nickname: '测试',
          phone: phone ? `1380000${String(1000 + dinerSeq).slice(-4)}` : null,
          points: 0,
          totalEarned: 0,
          tickets,
          levelCode: 'normal',
          levelName: '普通会员',
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      ]);
      return openid;
    },
    async authorize(openid) {
      const reply = await harness.call<{ navigate: { extraData: { apply_permissions_token: string } } }>('authorizePayScore', {}, openid);
      const opened = await emulator.http('POST', '/_emulator/wxpay/payscore/permissions/open', {
        body: { openid, applyPermissionsToken: reply.data.navigate.extraData.apply_permissions_token },
      });
      if (opened.status !== 200) throw new Error(`permissions/open ${opened.status}`);
      await sandbox.idle();
    },
    call: (action, input, openid) => emulator.call('cabinet', { action, ...input }, openid),
    async push(path, body, options = {}) {
      const raw = JSON.stringify(body);
      const headers = signedHeaders(
        { method: 'POST', url: `${emulator.url}${path}`, body: raw, apiKey: options.apiKey ?? VENDOR.apiKey, secret: options.secret ?? VENDOR.apiSecret },
        options.timestamp ?? new Date(),
      );
      if (options.nonce) {
        headers['X-Nonce'] = options.nonce;
        headers['X-Signature'] = signRequest(
          { method: 'POST', pathWithQuery: path, timestamp: headers['X-Timestamp'], nonce: options.nonce, rawBody: raw },
          options.secret ?? VENDOR.apiSecret,
        );
      }
      const reply = await emulator.http('POST', path, { body: raw, headers });
      return { status: reply.status, json: reply.json };
    },
    doc: (collection, id) =>
      (store()
        .readAll(collection)
        .find((d) => d._id === id) as never) ?? null,
    where: (collection, query) =>
      store()
        .readAll(collection)
        .filter((d) => Object.entries(query).every(([k, v]) => get(d, k) === v)) as never,
    count: (collection) => store().readAll(collection).length,
    async settle() {
      for (let i = 0; i < 3; i++) {
        await sim.idle();
        await sandbox.idle();
      }
    },
    async fireTimer() {
      const reply = await emulator.http('POST', '/_emulator/timers/cabinet');
      if (reply.status !== 200) throw new Error(`timer ${reply.status}: ${reply.text}`);
    },
    async stop() {
      await sim.idle().catch(() => undefined);
      await emulator.stop();
    },
  };
  return harness;
}

export async function waitFor<T>(read: () => Promise<T> | T, until: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() - started > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens the demo device for the diner and waits until the simulated door reports opened. */
export async function openAndWait(h: CabinetHarness, openid: string, method: 'payscore' | 'tickets' = 'payscore'): Promise<string> {
  const opened = await h.call('openDoor', { deviceCode: DEVICE, method, requestId: requestId() }, openid);
  if (opened.code !== 0) throw new Error(`openDoor: ${JSON.stringify(opened)}`);
  const sessionId = opened.data.session.sessionId as string;
  await h.settle();
  await waitFor(
    () => h.call('getSession', { sessionId }, openid),
    (r) => r.data.state === 'opened',
  );
  return sessionId;
}

export async function sessionState(h: CabinetHarness, openid: string, sessionId: string, until: (state: string) => boolean) {
  await h.settle();
  const reply = await waitFor(
    () => h.call('getSession', { sessionId }, openid),
    (r) => until(r.data.state),
  );
  return reply.data;
}
