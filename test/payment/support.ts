import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollections } from '../../emulator/seed/seed';
import { cloudPaySimulatorFor, type CloudPaySimulator } from '../../emulator/wechat/cloudpay-simulator';
import { loadSandboxKeys, payScoreSandboxFor, sandboxFunctionEnv, type PayScoreSandbox, type SandboxKeys } from '../../emulator/wechat/payscore-sandbox';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

export const STORE = 'store_pay_test';
export const ADMIN = 'staff-admin-openid';
export const CLERK = 'staff-clerk-openid';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface PaymentHarness {
  emulator: TestEmulator;
  db: Database;
  simulator: CloudPaySimulator;
  sandbox: PayScoreSandbox;
  keys: SandboxKeys;
  /** a pending order for `openid`; returns its id */
  order(openid: string, totalFen: number, source?: 'cabinet' | 'table' | 'pos'): Promise<string>;
  member(openid: string, fields?: Record<string, unknown>): Promise<void>;
  call<T = any>(data: Record<string, unknown>, openid?: string): Promise<T>;
  /** the payment function invoked the way cloudPay delivers notifications (no user) */
  notify<T = any>(event: Record<string, unknown>): Promise<T>;
  /** staff `refund` with a fresh requestId unless one is given */
  refund<T = any>(input: { paymentId: string; reason: string; refundFen?: number; requestId?: string }, openid?: string): Promise<T>;
  doc<T = any>(collection: string, id: string): Promise<T | null>;
  where<T = any>(collection: string, query: Record<string, unknown>): Promise<T[]>;
  dbRoundTrips(): number;
  stop(): Promise<void>;
}

let requestSeq = 0;
/** A client-style idempotency key for one staff refund. */
export function newRequestId(): string {
  return `test-${Date.now().toString(36)}-${++requestSeq}-${randomBytes(3).toString('hex')}`;
}

/** An emulator with the payment function configured as in the cloud, plus the Pay simulators. */
export async function startPaymentHarness(env: Record<string, string> = {}): Promise<PaymentHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'payment-test-'));
  const keys = loadSandboxKeys(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = await startTestEmulator({
    dataDir,
    port,
    functionEnv: {
      SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
      SECRETS_MASTER_KEY_ID: 'test',
      WXPAY_SUB_MCH_ID: '1900000109',
      LOG_LEVEL: 'warn',
      ...sandboxFunctionEnv(keys, url),
      ...env,
    },
  });
  createCollections(emulator.db);
  emulator.db.insertRaw('staff', [
    { _id: 'staff_admin', openid: ADMIN, name: '管理员', role: 'admin', storeIds: [STORE], status: 'active' },
    { _id: 'staff_clerk', openid: CLERK, name: '店员', role: 'clerk', storeIds: [STORE], status: 'active' },
  ]);
  const simulator = cloudPaySimulatorFor(emulator, { retryDelayMs: 20, maxNotifyAttempts: 3 });
  const sandbox = payScoreSandboxFor(emulator);
  const db = connectSdk(emulator.url).database();
  let orderSeq = 0;

  const harness: PaymentHarness = {
    emulator,
    db,
    simulator,
    sandbox,
    keys,
    async order(openid, totalFen, source = 'table') {
      const id = `order_${Date.now()}_${++orderSeq}`;
      emulator.db.insertRaw('orders', [
        {
          _id: id,
          storeId: STORE,
          openid,
          source,
          items: [{ name: '素麻婆豆腐', qty: 1, priceFen: totalFen }],
          totalFen,
          status: 'pending',
          createdAt: new Date(),
        },
      ]);
      return id;
    },
    async member(openid, fields = {}) {
      emulator.db.insertRaw('members', [
        {
          _id: openid,
          openid,
          nickname: '测试',
          phone: null,
          points: 0,
          totalEarned: 0,
          tickets: 0,
          levelCode: 'normal',
          levelName: '普通会员',
          createdAt: new Date(),
          updatedAt: new Date(),
          ...fields,
        },
      ]);
    },
    async call(data, openid) {
      return emulator.call('payment', data, openid);
    },
    async notify(event) {
      const outcome = await emulator.runtime.invoke('payment', event, { source: 'wx_paycallback' });
      if (!outcome.ok) throw new Error(outcome.errorMessage);
      return outcome.result as never;
    },
    async refund(input, openid = ADMIN) {
      return emulator.call('payment', { action: 'refund', requestId: newRequestId(), ...input }, openid);
    },
    async doc(collection, id) {
      const { data } = await db.collection(collection).where({ _id: id }).limit(1).get();
      return (data[0] as never) ?? null;
    },
    async where(collection, query) {
      const { data } = await db.collection(collection).where(query).limit(100).get();
      return data as never[];
    },
    dbRoundTrips() {
      return Object.entries(emulator.stats())
        .filter(([action]) => action.startsWith('database.'))
        .reduce((sum, [, n]) => sum + n, 0);
    },
    async stop() {
      await simulator.idle();
      await sandbox.idle();
      await emulator.stop();
    },
  };
  return harness;
}
