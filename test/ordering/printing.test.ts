/**
 * Cloud printing end to end: the printing use cases (the same code the ordering function runs,
 * here in the test process with the function's configuration) write jobs inside a real SDK
 * transaction, print through the 飞鹅 adapter on the emulator's printer simulator (signature
 * checked), retry through the outbox on the ordering timer, dead-letter, and are listed,
 * retried and reprinted by staff through the ordering function.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printJobId } from '../../cloudfunctions/ordering/src/printing/domain/routing';
import { enqueueKitchenTickets, sendPrintJobs, type PrintableLine, type PrintableOrder } from '../../cloudfunctions/ordering/src/printing';
import { localFunctionEnv } from '../../emulator/local-config';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { DEMO, DEMO_PRINTING } from '../../emulator/seed/demo-data';
import { printerSimulatorFor, type PrinterSimulator } from '../../emulator/simulators/printer';
import { simulatorFunctionEnv } from '../../emulator/simulators/registry';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

let emulator: TestEmulator;
let printer: PrinterSimulator;
let db: Database;
let dataDir: string;
const savedEnv = { ...process.env };

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

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'printing-'));
  const port = await freePort();
  const functionEnv = { ...localFunctionEnv(dataDir), ...simulatorFunctionEnv(dataDir, `http://127.0.0.1:${port}`), LOG_LEVEL: 'warn' };
  emulator = await startTestEmulator({ dataDir, port, functionEnv });
  createCollections(emulator.db);
  seedDemoData(emulator.db, dataDir, functionEnv);
  printer = printerSimulatorFor(emulator);
  printer.echo = false;
  db = connectSdk(emulator.url).database();
  // The product code in this process gets what a function instance gets from the emulator.
  Object.assign(process.env, functionEnv, {
    TCB_ENV: emulator.envId,
    SCF_NAMESPACE: emulator.envId,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emulator.url}/admin` }),
    TENCENTCLOUD_SESSIONTOKEN: 'emulator',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRETKEY: emulator.credentials.secretKey,
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const order = (id: string): PrintableOrder => ({
  _id: id,
  storeId: DEMO.storeId,
  orderNo: id.toUpperCase(),
  tableName: 'A01',
  partySize: 2,
  placedAt: new Date(),
});
const line = (lineId: string, name: string, station: PrintableLine['station'], quantity = 1): PrintableLine => ({ lineId, name, quantity, station });
const [HOT_SN, COLD_SN] = DEMO_PRINTING.printers.map((p) => p.sn);

async function place(orderId: string, lines: PrintableLine[], kind: 'new' | 'addition' = 'new', additionId?: string) {
  const jobs = await db.runTransaction((tx) => enqueueKitchenTickets(tx, order(orderId), lines, kind, { additionId }));
  await sendPrintJobs(jobs);
  return jobs;
}

const job = async (id: string) => (await db.collection('print_jobs').doc(id).get()).data as Record<string, unknown>;
const staffCall = <T = { code: number; data: never; message: string }>(action: string, data: Record<string, unknown>, openid: string = DEMO.managerOpenid) =>
  emulator.call<T>('ordering', { action, ...data }, openid);

describe('kitchen tickets by station', () => {
  it('prints each station’s dishes on its printer, signed as Feie expects, and marks the jobs delivered', async () => {
    const before = printer.tickets.length;
    const { jobIds } = await place('ord_p1', [line('l1', '宫保鸡丁', 'hot', 2), line('l2', '拍黄瓜', 'cold'), line('l3', '酸梅汤', 'drinks')]);
    expect(jobIds.sort()).toEqual([printJobId('ord_p1', 'new', 'p_cold'), printJobId('ord_p1', 'new', 'p_hot')].sort());
    const printed = printer.tickets.slice(before);
    expect(printed.every((t) => t.signatureValid && t.ret === 0)).toBe(true);
    const hot = printed.find((t) => t.sn === HOT_SN)!;
    const cold = printed.find((t) => t.sn === COLD_SN)!;
    expect(hot.text).toContain('后厨单 热菜');
    expect(hot.text).toMatch(/宫保鸡丁\s+x2/);
    expect(hot.text).not.toContain('拍黄瓜');
    expect(cold.text).toContain('拍黄瓜');
    expect(cold.text).toContain('酸梅汤');
    expect(cold.text).not.toContain('宫保鸡丁');
    expect(await job(printJobId('ord_p1', 'new', 'p_hot'))).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('加菜 prints only the added dishes, marked as an addition, on their station’s printer', async () => {
    await place('ord_p2', [line('l1', '宫保鸡丁', 'hot'), line('l2', '拍黄瓜', 'cold')]);
    const before = printer.tickets.length;
    const { jobIds } = await place('ord_p2', [line('l3', '水煮鱼', 'hot')], 'addition', 'a1');
    expect(jobIds).toEqual([printJobId('ord_p2', 'add-a1', 'p_hot')]);
    const printed = printer.tickets.slice(before);
    expect(printed).toHaveLength(1);
    expect(printed[0].sn).toBe(HOT_SN);
    expect(printed[0].text).toContain('【加菜】后厨单 热菜');
    expect(printed[0].text).toContain('水煮鱼');
    expect(printed[0].text).not.toContain('宫保鸡丁');
    expect(printed[0].text).toContain('共 1 道');
  });
});

describe('failures: retried through the outbox, then dead-lettered and visible to staff', () => {
  it('retries a failing print on the ordering timer and dead-letters it after the last attempt; staff list and retry it', async () => {
    printer.failAlways('offline');
    await place('ord_p3', [line('l1', '回锅肉', 'hot')]);
    const id = printJobId('ord_p3', 'new', 'p_hot');
    expect(await job(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('打印机离线') });
    for (let attempt = 2; attempt <= 5; attempt++) {
      const retry = await emulator.http('POST', '/_emulator/printer/retry-now', { body: {} });
      expect(retry.status).toBe(200);
      expect(await job(id)).toMatchObject({ attempts: attempt, status: attempt < 5 ? 'pending' : 'dead' });
    }

    const dead = await staffCall<{ code: number; data: { items: { jobId: string; status: string; lastError: string; text: string }[] } }>('listPrintJobs', {
      storeId: DEMO.storeId,
    });
    expect(dead.code).toBe(0);
    expect(dead.data.items).toContainEqual(expect.objectContaining({ jobId: id, status: 'dead', lastError: expect.stringContaining('打印机离线') }));

    printer.recover();
    const before = printer.printed(HOT_SN).length;
    const retried = await staffCall<{ code: number; data: { status: string } }>('retryPrintJob', { storeId: DEMO.storeId, jobId: id }, DEMO.clerkOpenid);
    expect(retried).toMatchObject({ code: 0, data: { status: 'delivered' } });
    expect(
      printer
        .printed(HOT_SN)
        .slice(before)
        .map((t) => t.text),
    ).toEqual([expect.stringContaining('回锅肉')]);
    // a delivered job is not dead anymore: retrying it again is refused, nothing prints
    const again = await staffCall<{ code: number }>('retryPrintJob', { storeId: DEMO.storeId, jobId: id });
    expect(again.code).toBe(40901);
    expect(printer.printed(HOT_SN).length).toBe(before + 1);
  });

  it('another store’s staff cannot see or retry this store’s print jobs', async () => {
    const other = await emulator.call<{ code: number }>('ordering', { action: 'listPrintJobs', storeId: DEMO.secondStoreId }, DEMO.managerOpenid);
    expect(other.code).toBe(40301);
    const diner = await emulator.call<{ code: number }>('ordering', { action: 'listPrintJobs', storeId: DEMO.storeId }, DEMO.dinerOpenid);
    expect(diner.code).toBe(40301);
  });
});

describe('reprint (补打)', () => {
  it('is idempotent per requestId: the same request prints once and answers the same jobs', async () => {
    await place('ord_p4', [line('l1', '麻婆豆腐', 'hot'), line('l2', '柠檬茶', 'drinks')]);
    const before = printer.tickets.length;
    const first = await staffCall<{ code: number; data: { jobs: { jobId: string; reprint: boolean; status: string; text: string }[] } }>('reprintOrder', {
      storeId: DEMO.storeId,
      orderId: 'ord_p4',
      requestId: 'reprint-req-0001',
    });
    expect(first.code).toBe(0);
    expect(first.data.jobs).toHaveLength(2);
    expect(first.data.jobs.every((j) => j.reprint && j.status === 'delivered' && j.text.includes('【补打】'))).toBe(true);
    const second = await staffCall<typeof first>('reprintOrder', { storeId: DEMO.storeId, orderId: 'ord_p4', requestId: 'reprint-req-0001' });
    expect(second.data.jobs.map((j) => j.jobId).sort()).toEqual(first.data.jobs.map((j) => j.jobId).sort());
    expect(printer.tickets.length - before).toBe(2);
    // a new request is a new reprint
    await staffCall('reprintOrder', { storeId: DEMO.storeId, orderId: 'ord_p4', requestId: 'reprint-req-0002', batchId: 'new' });
    expect(printer.tickets.length - before).toBe(4);
  });
});

describe('printer settings', () => {
  it('keeps the UKEY write-only and sealed; a wrong UKEY is refused by Feie and goes straight to the dead letters', async () => {
    const view = await staffCall<{ code: number; data: Record<string, unknown> }>('getPrinterSettings', { storeId: DEMO.storeId });
    expect(view.data).toMatchObject({ feieUser: DEMO_PRINTING.user, feieUkeySet: true });
    expect(JSON.stringify(view)).not.toContain(DEMO_PRINTING.ukey);
    const stored = (await db.collection('store_printers').doc(DEMO.storeId).get()).data as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(DEMO_PRINTING.ukey);

    const printers = DEMO_PRINTING.printers.map((p) => ({ ...p, stations: [...p.stations] }));
    const saved = await staffCall<{ code: number }>('savePrinterSettings', {
      storeId: DEMO.storeId,
      feieUser: DEMO_PRINTING.user,
      feieUkey: 'WrongUkey000',
      printers,
    });
    expect(saved.code).toBe(0);
    await place('ord_p5', [line('l1', '凉皮', 'cold')]);
    expect(await job(printJobId('ord_p5', 'new', 'p_cold'))).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('签名错误') });
    await staffCall('savePrinterSettings', { storeId: DEMO.storeId, feieUser: DEMO_PRINTING.user, feieUkey: DEMO_PRINTING.ukey, printers });
    const clerk = await staffCall<{ code: number }>('savePrinterSettings', { storeId: DEMO.storeId, feieUser: 'x', printers: [] }, DEMO.clerkOpenid);
    expect(clerk.code).toBe(40301);
  });
});
