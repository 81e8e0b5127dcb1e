import { addIntegration, countWhere, demoIntegration, order, SEED_ORDER_EXAMPLE, signedCall, startPosEnv, type PosTestEnv } from './support';

let env: PosTestEnv;

beforeAll(async () => {
  env = await startPosEnv();
});
afterAll(() => env?.emulator.stop());

const stored = async (integrationId: string, orderId: string) =>
  (await env.db.collection('pos_orders').doc(`${integrationId}:${orderId}`).get()).data as Record<string, any>;

describe('POST /v1/pos/order/sync', () => {
  it('accepts the seed example verbatim and replies in the seed shape', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', SEED_ORDER_EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 0, message: '订单处理成功' });
    const data = res.json.data;
    expect(data).toMatchObject({
      orderId: 'POS_ORDER_202501151030001',
      carbonStatus: 'calculated',
      carbonImpact: { unit: 'kg CO₂e', carbonLevel: expect.stringMatching(/^(low|medium|high)$/) },
      items: [{ menuItemId: 'menu_001', carbonLabel: { level: expect.any(String), icon: expect.stringMatching(/^https:\/\//) } }],
    });
    expect(Object.keys(data.carbonImpact).sort()).toEqual(['baseline', 'carbonLevel', 'carbonReduction', 'reductionPercent', 'totalCarbonFootprint', 'unit']);
    const impact = data.carbonImpact;
    expect(impact.totalCarbonFootprint).toBeGreaterThan(0);
    // internal consistency of the figures, as in the seed (0.90 / 2.40 / 1.50 / 62.5)
    expect(impact.carbonReduction).toBeCloseTo(impact.baseline - impact.totalCarbonFootprint, 2);
    expect(impact.reductionPercent).toBeCloseTo((impact.carbonReduction / impact.baseline) * 100, 0);
    expect(data.items[0].carbonFootprint).toBe(impact.totalCarbonFootprint);
    expect(new Date(data.processedAt).toISOString()).toBe(data.processedAt);

    const doc = await stored(demoIntegration.id, 'POS_ORDER_202501151030001');
    expect(doc).toMatchObject({
      totalAmountFen: 7600,
      items: [{ unitPriceFen: 3800, totalPriceFen: 7600, quantity: 2 }],
      customer: { customerId: 'customer_001', phoneMasked: '138****1234' },
    });
    expect(await countWhere(env, 'pos_sync_logs', { kind: 'order.sync', integrationId: demoIntegration.id, status: 'success' })).toBe(1);
  });

  it('stores full phone numbers masked only, and never in the sync log', async () => {
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('PHONE_1', { customerInfo: { phone: '13912345678' } }));
    expect(res.json.code).toBe(0);
    expect((await stored(demoIntegration.id, 'PHONE_1')).customer).toEqual({ phoneMasked: '139****5678' });
    const logs = (await env.db.collection('pos_sync_logs').where({ kind: 'order.sync' }).get()).data;
    expect(JSON.stringify(logs)).not.toContain('13912345678');
  });

  it('replays idempotently: same content → same reply, nothing changes', async () => {
    const body = order('IDEM_1');
    const first = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', body);
    const before = await stored(demoIntegration.id, 'IDEM_1');
    const again = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', body);
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual(first.json.data);
    expect(await stored(demoIntegration.id, 'IDEM_1')).toEqual(before);
  });

  it('refuses the same orderId with different content (409), changing nothing', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('CONFLICT_1'));
    const before = await stored(demoIntegration.id, 'CONFLICT_1');
    const res = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('CONFLICT_1', { totalAmount: 80, items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 40, totalPrice: 80 }] }),
    );
    expect(res.status).toBe(409);
    expect(res.json.code).toBe(40910);
    expect(await stored(demoIntegration.id, 'CONFLICT_1')).toEqual(before);
  });

  it('sale → refund stores the reversal; refund again is a replay; back to sale is refused', async () => {
    const sale = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('REFUND_1'));
    const refund = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('REFUND_1', { transactionType: 'refund', orderTime: '2025-01-15T12:00:00Z' }),
    );
    expect(refund.status).toBe(200);
    expect(refund.json.data).toMatchObject({
      transactionType: 'refund',
      carbonImpact: sale.json.data.carbonImpact,
      reversal: {
        transactionType: 'refund',
        amount: -76,
        carbonFootprint: -sale.json.data.carbonImpact.totalCarbonFootprint,
        carbonReduction: -sale.json.data.carbonImpact.carbonReduction,
      },
    });
    expect(await stored(demoIntegration.id, 'REFUND_1')).toMatchObject({ transactionType: 'refund', reversal: { amountFen: -7600 } });
    const again = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('REFUND_1', { transactionType: 'refund', orderTime: '2025-01-15T12:00:00Z' }),
    );
    expect(again.json.data).toEqual(refund.json.data);
    const voided = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('REFUND_1', { transactionType: 'void' }));
    expect([voided.status, voided.json.code]).toEqual([409, 40910]);
  });

  it('sale → void reverses; a refund naming different lines is refused', async () => {
    await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('VOID_1'));
    const wrong = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('VOID_1', {
        transactionType: 'refund',
        totalAmount: 38,
        items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 1, unitPrice: 38, totalPrice: 38 }],
      }),
    );
    expect(wrong.status).toBe(409);
    const voided = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('VOID_1', { transactionType: 'void' }));
    expect(voided.json.data.reversal).toMatchObject({ transactionType: 'void', amount: -76 });
  });

  it('10 concurrent duplicates store exactly one order and all get the same reply', async () => {
    const body = order('CONCURRENT_1');
    const replies = await Promise.all(Array.from({ length: 10 }, () => signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', body)));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    const datas = replies.map((r) => JSON.stringify(r.json.data));
    expect(new Set(datas).size).toBe(1);
    expect(await countWhere(env, 'pos_orders', { orderId: 'CONCURRENT_1' })).toBe(1);
  });

  it('rejects invalid input with the field path, writes no order, and logs the failure', async () => {
    const bad = order('BAD_1', { items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38.001, totalPrice: 76 }] });
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', bad);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 40001, details: { field: 'items.0.unitPrice' } });
    const mismatch = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('BAD_2', { items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38, totalPrice: 70 }] }),
    );
    expect(mismatch.json.details.field).toBe('items.0.totalPrice');
    const otherStore = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('BAD_3', { restaurantId: 'rest_999' }));
    expect([otherStore.status, otherStore.json.code]).toEqual([403, 40311]);
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(['BAD_1', 'BAD_2', 'BAD_3']) })).toBe(0);
    expect(await countWhere(env, 'pos_sync_logs', { kind: 'order.sync', status: 'failed' })).toBeGreaterThanOrEqual(3);
    expect(res.text).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects yuan amounts with more than two decimals written in exponent form (1e-7 is not 0 fen), like 0.005', async () => {
    const tiny = { menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 1, unitPrice: 1e-7, totalPrice: 1e-7 };
    const body = JSON.stringify(order('EXP_1', { items: [tiny], totalAmount: 1e-7 }));
    expect(body).toContain('"unitPrice":1e-7'); // the POS really sends the exponent form
    const res = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', body);
    expect([res.status, res.json.code]).toEqual([400, 40001]);
    expect(res.json.details.field).toBe('items.0.unitPrice');
    const total = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('EXP_2', { totalAmount: 5e-7 }));
    expect([total.status, total.json.details?.field]).toEqual([400, 'totalAmount']);
    const half = await signedCall(env, demoIntegration, 'POST', '/v1/pos/order/sync', order('EXP_3', { totalAmount: 0.005 }));
    expect([half.status, half.json.details?.field]).toEqual([400, 'totalAmount']);
    // the batch path applies the same rule, per order
    const batch = await signedCall(env, demoIntegration, 'POST', '/v1/pos/orders/batch-sync', {
      orders: [order('EXP_4', { items: [tiny], totalAmount: 1e-7 })],
    });
    expect(batch.json.data.results[0]).toMatchObject({ code: 40001, message: expect.stringContaining('items.0.unitPrice') });
    expect(await countWhere(env, 'pos_orders', { orderId: env.db.command.in(['EXP_1', 'EXP_2', 'EXP_3', 'EXP_4']) })).toBe(0);
  });

  it('an order for an unknown dish is stored with carbon pending', async () => {
    const res = await signedCall(
      env,
      demoIntegration,
      'POST',
      '/v1/pos/order/sync',
      order('PENDING_1', { items: [{ menuItemId: 'menu_unknown', itemName: '新菜', quantity: 1, unitPrice: 20, totalPrice: 20 }], totalAmount: 20 }),
    );
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      carbonStatus: 'pending',
      carbonImpact: null,
      items: [{ menuItemId: 'menu_unknown', carbonFootprint: null, carbonLabel: null }],
    });
    expect(await stored(demoIntegration.id, 'PENDING_1')).toMatchObject({ carbonStatus: 'pending', carbonPendingReason: { code: 'INVALID_ORDER_ITEM' } });
  });

  it('keeps orders of different integrations apart (same orderId)', async () => {
    const other = addIntegration(env);
    const res = await signedCall(env, other, 'POST', '/v1/pos/order/sync', order('IDEM_1', { totalAmount: 76 }));
    expect(res.status).toBe(200);
    expect(await countWhere(env, 'pos_orders', { orderId: 'IDEM_1' })).toBe(2);
  });
});
