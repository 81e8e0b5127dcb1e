import { MAX_BATCH_REPLY_BYTES } from '../../cloudfunctions/pos-interface/src/domain/batch-reply';
import { countWhere, demoIntegration, order, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const PATH = '/v1/pos/orders/batch-sync';
const dbRoundTrips = () =>
  Object.entries(env.emulator.stats())
    .filter(([action]) => action.startsWith('database.'))
    .reduce((sum, [, n]) => sum + n, 0);

describe('POST /v1/pos/orders/batch-sync', () => {
  it('500 orders with some invalid: per-order results, partial success, bulk database work', async () => {
    // warm the function instance (cold start is not what this test measures)
    await signedCall(env, demoIntegration, 'GET', '/v1/pos/ping');
    const orders: unknown[] = Array.from({ length: 500 }, (_, i) =>
      order(`BATCH_${i}`, { items: [{ menuItemId: `menu_00${(i % 4) + 1}`, itemName: '菜', quantity: 1, unitPrice: 10, totalPrice: 10 }], totalAmount: 10 }),
    );
    orders[10] = { ...(orders[10] as object), totalAmount: -1 };
    orders[20] = { ...(orders[20] as object), orderTime: 'yesterday' };
    orders[30] = { ...(orders[30] as object), restaurantId: 'rest_other' };
    orders[40] = 'not an order';
    env.emulator.resetStats();
    const started = Date.now();
    const res = await signedCall(env, demoIntegration, 'POST', PATH, { orders });
    const durationMs = Date.now() - started;
    const trips = dbRoundTrips();
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ totalCount: 500, successCount: 496, failedCount: 4 });
    const results = res.json.data.results as any[];
    expect(results).toHaveLength(500);
    expect(results[10]).toMatchObject({ index: 10, orderId: 'BATCH_10', code: 40001, data: null });
    expect(results[10].message).toContain('totalAmount');
    expect(results[20]).toMatchObject({ code: 40001 });
    expect(results[30]).toMatchObject({ code: 40311 });
    expect(results[40]).toMatchObject({ orderId: null, code: 40001 });
    expect(results[0]).toMatchObject({ code: 0, outcome: 'created', data: { orderId: 'BATCH_0', carbonStatus: 'calculated' } });
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(orders.map((_, i) => `BATCH_${i}`)) })).toBe(496);
    expect(await countWhere(env, 'pos_sync_logs', { kind: 'orders.batch-sync', status: 'partial' })).toBe(1);
    // goals: ≤ 30 round trips, ≤ 2 s for 500 orders
    expect(trips).toBeLessThanOrEqual(30);
    // the 2 s goal is measured by bench/pos.ts; here a loose bound keeps a busy CI from flaking
    expect(durationMs).toBeLessThan(5000);
    console.log(`batch of 500: ${trips} DB round trips, ${durationMs} ms`);
  });

  it('a repeated batch replays every order (nothing new written); a changed one is a per-order 409', async () => {
    const orders = Array.from({ length: 5 }, (_, i) => order(`REPEAT_${i}`));
    const first = await signedCall(env, demoIntegration, 'POST', PATH, { orders });
    expect(first.json.data.successCount).toBe(5);
    orders[2] = order('REPEAT_2', { totalAmount: 38, items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 1, unitPrice: 38, totalPrice: 38 }] });
    orders[3] = order('REPEAT_3', { transactionType: 'refund' });
    const again = await signedCall(env, demoIntegration, 'POST', PATH, { orders });
    const results = again.json.data.results as any[];
    expect(results.map((r) => r.outcome ?? r.code)).toEqual(['replayed', 'replayed', 40910, 'reversed', 'replayed']);
    expect(results[0].data).toEqual(first.json.data.results[0].data);
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(orders.map((o) => o.orderId)) })).toBe(5);
  });

  it('two identical batches at the same time: every order stored once, created by one and replayed by the other', async () => {
    for (let i = 0; i < 2; i++) await Promise.all([1, 2].map(() => signedCall(env, demoIntegration, 'GET', '/v1/pos/ping')));
    for (const round of [1, 2, 3]) {
      const orders = Array.from({ length: 20 }, (_, i) => order(`RACE_${round}_${i}`));
      const replies = await Promise.all([1, 2].map(() => signedCall(env, demoIntegration, 'POST', PATH, { orders })));
      expect(replies.map((r) => [r.status, r.json.data.successCount])).toEqual([
        [200, 20],
        [200, 20],
      ]);
      for (let i = 0; i < 20; i++) expect(replies.map((r) => r.json.data.results[i].outcome).sort()).toEqual(['created', 'replayed']);
      expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(orders.map((o) => o.orderId)) })).toBe(20);
    }
  });

  it('the same orderId twice inside one batch is stored once', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', PATH, { orders: [order('TWICE_1'), order('TWICE_1')] });
    expect(res.json.data.results.map((r: any) => r.outcome)).toEqual(['created', 'replayed']);
    expect(await countWhere(env, 'pos_orders', { orderId: 'TWICE_1' })).toBe(1);
  });

  it('500 big orders (40 dishes each): stored in size-bounded writes, not one oversized add (used to be a 500)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ menuItemId: `menu_00${(i % 4) + 1}`, itemName: '菜', quantity: 1, unitPrice: 10, totalPrice: 10 }));
    const orders = Array.from({ length: 500 }, (_, i) => order(`BIG_${i}`, { items: lines, totalAmount: 400 }));
    env.emulator.resetStats();
    const res = await signedCall(env, demoIntegration, 'POST', PATH, { orders });
    expect([res.status, res.json.code]).toEqual([200, 0]);
    expect(res.json.data).toMatchObject({ totalCount: 500, successCount: 500, failedCount: 0 });
    expect(res.json.data.results[499]).toMatchObject({ code: 0, outcome: 'created', data: { carbonStatus: 'calculated' } });
    expect(res.json.data.results[499].data.items).toHaveLength(40);
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(orders.map((o) => o.orderId)) })).toBe(500);
    // several adds of at most ~1 MB each, far from the 6 MB request cap
    expect(env.emulator.stats()['database.insertDocument']).toBeGreaterThan(3);
  });

  it('the largest batch a 6 MB request can carry: every order stored, the reply stays bounded (per-dish detail omitted past the budget)', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({ menuItemId: `menu_00${(i % 4) + 1}`, itemName: '菜', quantity: 1, unitPrice: 1, totalPrice: 1 }));
    const orders = Array.from({ length: 500 }, (_, i) => order(`HUGE_${i}`, { items: lines, totalAmount: 100 }));
    const body = JSON.stringify({ orders });
    expect(Buffer.byteLength(body)).toBeLessThan(6 * 1024 * 1024);
    const res = await signedCall(env, demoIntegration, 'POST', PATH, body);
    expect([res.status, res.json.code]).toEqual([200, 0]);
    expect(res.json.data).toMatchObject({ totalCount: 500, successCount: 500, failedCount: 0 });
    expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(MAX_BATCH_REPLY_BYTES + 4096);
    const results = res.json.data.results as any[];
    expect(results.every((r) => r.code === 0 && r.data.carbonStatus === 'calculated' && r.data.carbonImpact)).toBe(true);
    const omitted = results.filter((r) => r.itemsOmitted);
    expect(omitted.length).toBeGreaterThan(0);
    expect(res.json.data.itemsOmittedCount).toBe(omitted.length);
    // the first results keep their per-dish labels; omitted ones have none, and say so
    expect(results[0].data.items).toHaveLength(100);
    expect(omitted.every((r) => r.data.items === undefined)).toBe(true);
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(orders.map((o) => o.orderId)) })).toBe(500);
  });

  it('more than 500 orders → 413, nothing written', async () => {
    const before = await countWhere(env, 'pos_orders');
    const res = await signedCall(env, demoIntegration, 'POST', PATH, { orders: Array.from({ length: 501 }, (_, i) => order(`TOO_MANY_${i}`)) });
    expect([res.status, res.json.code]).toEqual([413, 41310]);
    expect(await countWhere(env, 'pos_orders')).toBe(before);
  });
});
