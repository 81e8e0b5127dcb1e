/**
 * POS order-sync benchmark (not a test): `npm run bench:pos`.
 * Starts a local emulator with the built bundles, then prints single-order latency (p50/p99)
 * and throughput, DB round trips per order (counted at the emulator's admin endpoint, i.e.
 * what CloudBase would bill as database requests), and the same for a 500-order batch.
 */
import { buildAllFunctions } from '../scripts/build-functions';
import { addIntegration, order, signedCall, startPosEnv, type PosTestEnv, type TestIntegration } from '../test/pos-interface/support';

const SINGLE_ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

function dbTrips(env: PosTestEnv): number {
  return Object.entries(env.emulator.stats())
    .filter(([action]) => action.startsWith('database.'))
    .reduce((sum, [, n]) => sum + n, 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function sendOrder(env: PosTestEnv, pos: TestIntegration, orderId: string): Promise<number> {
  const started = performance.now();
  const res = await signedCall(env, pos, 'POST', '/v1/pos/order/sync', order(orderId));
  if (res.status !== 200) throw new Error(`order ${orderId}: HTTP ${res.status} ${res.text}`);
  return performance.now() - started;
}

async function main() {
  process.env.LOG_LEVEL ??= 'error';
  await buildAllFunctions(false);
  const env = await startPosEnv();
  const pos = addIntegration(env, { rateLimitPerMinute: 1_000_000 });
  const run = `${Date.now()}`;
  try {
    env.emulator.resetStats();
    await sendOrder(env, pos, `COLD_${run}`);
    const coldTrips = dbTrips(env);

    for (let i = 0; i < 20; i++) await sendOrder(env, pos, `WARM_${run}_${i}`);

    env.emulator.resetStats();
    const latencies: number[] = [];
    const sequentialStarted = performance.now();
    for (let i = 0; i < SINGLE_ORDERS; i++) latencies.push(await sendOrder(env, pos, `SEQ_${run}_${i}`));
    const sequentialMs = performance.now() - sequentialStarted;
    const tripsPerOrder = dbTrips(env) / SINGLE_ORDERS;

    // Concurrent requests spread over up to 4 instances; start them all before measuring.
    await Promise.all(Array.from({ length: CONCURRENCY * 3 }, (_, i) => sendOrder(env, pos, `PARWARM_${run}_${i}`)));
    const concurrentStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SINGLE_ORDERS) await sendOrder(env, pos, `PAR_${run}_${next++}`);
      }),
    );
    const concurrentMs = performance.now() - concurrentStarted;

    const batch = Array.from({ length: 500 }, (_, i) =>
      order(`BATCH_${run}_${i}`, {
        items: [{ menuItemId: `menu_00${(i % 4) + 1}`, itemName: '菜', quantity: 1, unitPrice: 10, totalPrice: 10 }],
        totalAmount: 10,
      }),
    );
    env.emulator.resetStats();
    const batchStarted = performance.now();
    const batchRes = await signedCall(env, pos, 'POST', '/v1/pos/orders/batch-sync', { orders: batch });
    const batchMs = performance.now() - batchStarted;
    const batchTrips = dbTrips(env);
    if (batchRes.status !== 200 || batchRes.json.data.successCount !== 500) throw new Error(`batch failed: ${batchRes.text.slice(0, 300)}`);

    env.emulator.resetStats();
    const replayStarted = performance.now();
    await signedCall(env, pos, 'POST', '/v1/pos/orders/batch-sync', { orders: batch });
    const replayMs = performance.now() - replayStarted;
    const replayTrips = dbTrips(env);

    // Big orders: stored documents are several times the request, so the writes are split by size.
    const lines = Array.from({ length: 40 }, (_, i) => ({ menuItemId: `menu_00${(i % 4) + 1}`, itemName: '菜', quantity: 1, unitPrice: 10, totalPrice: 10 }));
    const bigBatch = Array.from({ length: 500 }, (_, i) => order(`BIG_${run}_${i}`, { items: lines, totalAmount: 400 }));
    env.emulator.resetStats();
    const bigStarted = performance.now();
    const bigRes = await signedCall(env, pos, 'POST', '/v1/pos/orders/batch-sync', { orders: bigBatch });
    const bigMs = performance.now() - bigStarted;
    const bigTrips = dbTrips(env);
    if (bigRes.status !== 200 || bigRes.json.data.successCount !== 500) throw new Error(`big batch failed: ${bigRes.text.slice(0, 300)}`);

    const sorted = [...latencies].sort((a, b) => a - b);
    const rows: [string, string][] = [
      ['single order, sequential', `${SINGLE_ORDERS} orders in ${sequentialMs.toFixed(0)} ms → ${((SINGLE_ORDERS / sequentialMs) * 1000).toFixed(1)} orders/s`],
      [
        `single order, ${CONCURRENCY} in flight`,
        `${SINGLE_ORDERS} orders in ${concurrentMs.toFixed(0)} ms → ${((SINGLE_ORDERS / concurrentMs) * 1000).toFixed(1)} orders/s`,
      ],
      ['latency p50 / p99', `${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms`],
      ['DB round trips per order (warm)', tripsPerOrder.toFixed(2)],
      ['DB round trips, first order (cold instance)', String(coldTrips)],
      ['500-order batch', `${batchMs.toFixed(0)} ms, ${batchTrips} DB round trips`],
      ['500-order batch replayed (all idempotent)', `${replayMs.toFixed(0)} ms, ${replayTrips} DB round trips`],
      ['500-order batch, 40 dishes per order', `${bigMs.toFixed(0)} ms, ${bigTrips} DB round trips`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('pos-interface benchmark (local emulator, HTTP access gateway, real wx-server-sdk)');
    for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  } finally {
    await env.emulator.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
