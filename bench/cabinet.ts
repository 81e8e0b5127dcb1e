/**
 * Smart-cabinet benchmark (not a test): `npm run bench:cabinet`.
 * On the emulator with the simulated 小麦 cabinet and the Pay Score sandbox, it prints DB round
 * trips (database requests counted at the emulator's admin endpoint, what CloudBase bills) and
 * p50/p99 latency for scan → door-open (resolveScan, checkBeforeOpen, openDoor) and for the
 * door-close order push → charged (Pay Score completion), then runs 50 concurrent sessions on 50
 * devices and checks that every order was charged exactly once.
 */
import { buildAllFunctions } from '../scripts/build-functions';
import { DEVICE, requestId, STORE, startCabinetHarness, waitFor, type CabinetHarness } from '../test/cabinet/support';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);

function dbTrips(h: CabinetHarness): number {
  return Object.entries(h.emulator.stats())
    .filter(([action]) => action.startsWith('database.'))
    .reduce((sum, [, n]) => sum + n, 0);
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fmt = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms`;
const mean = (values: number[]) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1);

async function timed<T>(h: CabinetHarness, run: () => Promise<T>): Promise<{ value: T; ms: number; trips: number }> {
  h.emulator.resetStats();
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started, trips: dbTrips(h) };
}

async function purchase(h: CabinetHarness, openid: string, device: string) {
  const scan = await timed(h, () => h.call('resolveScan', { scene: `d=${device}` }, openid));
  const checks = await timed(h, () => h.call('checkBeforeOpen', { deviceCode: device }, openid));
  const commandsBefore = h.sim.state().commands.length;
  // The simulated door opens later than the open call returns: its door.opened push is not counted as the open's.
  h.sim.configure({ openDelayMs: 1200 });
  const open = await timed(h, () => h.call('openDoor', { deviceCode: device, method: 'payscore', requestId: requestId() }, openid));
  if (open.value.code !== 0) throw new Error(`open: ${JSON.stringify(open.value)}`);
  const vendorCalls = h.sim.state().commands.length - commandsBefore;
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(h.emulator.stats()));
  const sessionId = open.value.data.session.sessionId as string;
  h.sim.configure({ openDelayMs: 10 });
  await h.settle();
  // Door closes: the simulator pushes door.closed and the order (signed); counted until the
  // Pay Score completion is recorded. USER_PAID is collected afterwards (the payment function's trips).
  const options = h.sandbox.options as { autoCollect: boolean };
  options.autoCollect = false;
  const push = await timed(h, async () => {
    await h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device, goods: 'XM-SKU-COLA:1,XM-SKU-CHIPS:1' } });
    await h.sim.idle();
  });
  const session = h.doc('cabinet_sessions', sessionId);
  const charged = session?.order?.paymentIds?.length === 1;
  if (!charged && process.env.BENCH_DEBUG) console.log(JSON.stringify(session).slice(0, 400));
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(h.emulator.stats()));
  options.autoCollect = true;
  if (session?.paymentId) await h.emulator.http('POST', '/_emulator/wxpay/payscore/collect', { body: { outOrderNo: session.paymentId } });
  return { scan, checks, open, vendorCalls, push, charged, sessionId };
}

async function main() {
  process.env.LOG_LEVEL ??= 'error';
  await buildAllFunctions(false);
  const h = await startCabinetHarness({ LOG_LEVEL: 'error' });
  // USER_PAID later than the push reply, so the push's round trips are the cabinet's alone.
  (h.sandbox.options as { collectDelayMs: number }).collectDelayMs = 300;
  try {
    const samples: Awaited<ReturnType<typeof purchase>>[] = [];
    // Returning diners (the usual case): a few authorized diners take turns.
    const regulars = Array.from({ length: 5 }, () => h.diner());
    for (const openid of regulars) await h.authorize(openid);
    for (let i = 0; i < RUNS + 3; i++) {
      const openid = regulars[i % regulars.length];
      const sample = await purchase(h, openid, DEVICE);
      if (i >= 3) samples.push(sample); // the first three warm the instances
      await h.settle();
    }
    const pick = (key: 'scan' | 'checks' | 'open' | 'push') => ({ ms: samples.map((s) => s[key].ms), trips: samples.map((s) => s[key].trips) });
    const [scan, checks, open, push] = (['scan', 'checks', 'open', 'push'] as const).map(pick);
    console.log(`\n智能柜基准（${RUNS} 次顺序购物，模拟器 + 小麦模拟器 + 支付分沙箱）`);
    console.log(`  resolveScan       DB ${mean(scan.trips)} 次/次  ${fmt(scan.ms)}`);
    console.log(`  checkBeforeOpen   DB ${mean(checks.trips)} 次/次  ${fmt(checks.ms)}`);
    console.log(`  openDoor          DB ${mean(open.trips)} 次/次 + 厂商 ${mean(samples.map((s) => s.vendorCalls))} 次 + 支付分 1 次  ${fmt(open.ms)}`);
    console.log(
      `  关门推送 → 已扣款（door.closed + 订单）  DB ${mean(push.trips)} 次/次 + 支付分 1 次  ${fmt(push.ms)}（应答前完成完结：${samples.filter((s) => s.charged).length}/${samples.length}）`,
    );

    // 50 concurrent sessions on 50 devices.
    const devices = Array.from({ length: CONCURRENT }, (_, i) => `XM-BENCH-${String(i + 1).padStart(4, '0')}`);
    h.emulator.db.insertRaw(
      'devices',
      devices.map((code) => ({
        _id: code,
        deviceCode: code,
        storeId: STORE,
        name: code,
        vendor: 'xiaomai',
        bindStatus: 'bound',
        online: true,
        lastHeartbeatAt: null,
        openAlarmKinds: [],
        sessionId: null,
        lockUntil: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
    const diners = devices.map(() => h.diner());
    for (const openid of diners) await h.authorize(openid);
    const started = performance.now();
    const opened = await Promise.all(
      devices.map((device, i) => h.call('openDoor', { deviceCode: device, method: 'payscore', requestId: requestId() }, diners[i])),
    );
    const openMs = performance.now() - started;
    const failedOpens = opened.filter((r) => r.code !== 0).length;
    await h.settle();
    await Promise.all(devices.map((device) => h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device, goods: 'XM-SKU-WATER:2' } })));
    await h.settle();
    const ids = opened.filter((r) => r.code === 0).map((r) => r.data.session.sessionId as string);
    const paid = await waitFor(
      () =>
        ids.filter(
          (id) => h.doc('cabinet_sessions', id)?.state === 'paid' || h.doc('orders', h.doc('cabinet_sessions', id)?.order?.orderId ?? '')?.status === 'paid',
        ).length,
      (n) => n === ids.length,
      60_000,
    );
    const totalMs = performance.now() - started;
    const payments = diners.flatMap((openid) => h.where('payments', { openid, status: 'paid' }));
    const orders = diners.flatMap((openid) => h.where('orders', { openid }));
    const chargedOnce = diners.every((openid) => h.where('payments', { openid, status: 'paid' }).length === 1 && h.where('orders', { openid }).length === 1);
    console.log(
      `\n${CONCURRENT} 个并发会话 / ${CONCURRENT} 台设备：开门失败 ${failedOpens}，并发开门 ${openMs.toFixed(0)} ms，全部扣款 ${totalMs.toFixed(0)} ms`,
    );
    console.log(`  已支付会话 ${paid}/${ids.length}，订单 ${orders.length}，已支付的支付单 ${payments.length}，每单恰好扣款一次：${chargedOnce ? '是' : '否'}`);
    if (!chargedOnce || failedOpens) process.exitCode = 1;
  } finally {
    await h.stop();
  }
}

void main();
