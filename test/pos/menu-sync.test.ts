import { addIntegration, countWhere, order, signedCall, startPosEnv, startReceiver, type PosTestEnv, type Receiver, type TestIntegration } from './support';

let env: PosTestEnv;
let receiver: Receiver;
let pos: TestIntegration;

beforeAll(async () => {
  env = await startPosEnv();
  receiver = await startReceiver();
  pos = addIntegration(env, { webhookUrl: `${receiver.url}/hooks` });
});
afterAll(async () => {
  await receiver?.close();
  await env?.emulator.stop();
});

const MENU_PATH = '/v1/pos/menu/sync';

/** The seed 000 §3.3 request example, verbatim (its carbon figures are ignored inbound). */
const SEED_MENU_EXAMPLE = `{
  "restaurantId": "rest_123456",
  "syncType": "incremental",
  "menuItems": [
    {
      "itemId": "menu_001",
      "itemName": "素麻婆豆腐",
      "category": "主菜",
      "price": 38.00,
      "unit": "份",
      "status": "active",
      "ingredients": [
        {
          "ingredientName": "豆腐",
          "quantity": 200,
          "unit": "g"
        }
      ],
      "cookingMethod": "stir_fried",
      "carbonFootprint": {
        "value": 0.45,
        "unit": "kg CO₂e",
        "calculationLevel": "L2",
        "baseline": 1.2,
        "reduction": 0.75,
        "carbonLevel": "low",
        "certification": "气候友好"
      },
      "carbonLabel": {
        "level": "low",
        "icon": "https://cdn.example.com/label-low.png",
        "description": "低碳排放菜品"
      },
      "updatedAt": "2025-01-15T10:30:00Z"
    }
  ],
  "timestamp": "2025-01-15T10:30:00Z"
}`;

const item = (itemId: string, overrides: Record<string, unknown> = {}) => ({
  itemId,
  itemName: `菜品 ${itemId}`,
  category: '素菜',
  price: 18,
  unit: '份',
  status: 'active',
  ingredients: [{ ingredientName: '青菜', quantity: 250, unit: 'g' }],
  cookingMethod: 'stir_fried',
  ...overrides,
});

const menuDoc = async (itemId: string) => (await env.db.collection('menu_items').doc(`rest_123456:${itemId}`).get()).data as Record<string, any>;
const outbox = async (event: string) => (await env.db.collection('webhook_outbox').where({ integrationId: pos.id, event }).get()).data as Record<string, any>[];

describe('POST /v1/pos/menu/sync', () => {
  it('accepts the seed example verbatim, computes the carbon itself and replies in the seed shape', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, SEED_MENU_EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 0, message: '同步成功', data: { totalCount: 1, successCount: 1, failedCount: 0, failedItems: [] } });
    expect(res.json.data.syncId).toMatch(/^sync_\d{14}_/);
    const doc = await menuDoc('menu_001');
    expect(doc).toMatchObject({ itemName: '素麻婆豆腐', priceFen: 3800, carbon: { calculationLevel: 'L2', unit: 'kg CO₂e' } });
    // 200 g 豆腐 only now (the demo recipe had three ingredients), computed by the engine, not copied from the push
    expect(doc.carbon.value).not.toBe(0.45);
  });

  it('reports per-item validation failures and still syncs the rest; L3 with supplier factors', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [
        item('m_ok'),
        item('m_bad_price', { price: 12.345 }),
        { itemName: '没有 ID' },
        item('m_l3', {
          ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }],
          supplierFactors: { 豆腐: { factor: 1.0, source: '示范豆制品厂 2024 碳足迹报告' } },
        }),
        item('m_unknown_ingredient', { ingredients: [{ ingredientName: '龙涎香', quantity: 1, unit: 'g' }] }),
      ],
    });
    expect(res.status).toBe(200);
    const data = res.json.data;
    expect(data).toMatchObject({ totalCount: 5, successCount: 3, failedCount: 2 });
    expect(data.failedItems).toEqual([
      { itemId: 'm_bad_price', reason: expect.stringContaining('price') },
      { itemId: '#2', reason: expect.stringContaining('itemId') },
    ]);
    expect(data.carbonPendingItems).toEqual([{ itemId: 'm_unknown_ingredient', reason: expect.stringContaining('龙涎香') }]);
    expect((await menuDoc('m_l3')).carbon.calculationLevel).toBe('L3');
    expect(await menuDoc('m_unknown_ingredient')).toMatchObject({ carbon: null, carbonError: { code: 'UNKNOWN_INGREDIENT' } });
    expect(await countWhere(env, 'menu_items', { itemId: 'm_bad_price' })).toBe(0);
  });

  it('a changed carbon label raises carbon.label.updated; an unchanged push raises nothing', async () => {
    const before = (await outbox('carbon.label.updated')).length;
    await signedCall(env, pos, 'POST', MENU_PATH, { restaurantId: 'rest_123456', syncType: 'incremental', menuItems: [item('m_label')] });
    const afterCreate = await outbox('carbon.label.updated');
    expect(afterCreate.length).toBe(before + 1);
    await signedCall(env, pos, 'POST', MENU_PATH, { restaurantId: 'rest_123456', syncType: 'incremental', menuItems: [item('m_label')] });
    expect((await outbox('carbon.label.updated')).length).toBe(before + 1);
    // now with beef: the level climbs to high
    await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('m_label', { ingredients: [{ ingredientName: '牛肉', quantity: 150, unit: 'g' }] })],
    });
    const events = await outbox('carbon.label.updated');
    expect(events.length).toBe(before + 2);
    const last = events.find((e) => e.data.itemId === 'm_label' && e.data.previousLevel === 'low');
    expect(last?.data).toMatchObject({ itemId: 'm_label', carbonLabel: { level: 'high' }, carbonFootprint: { carbonLevel: 'high' } });
  });

  it('a later push without supplier factors drops them (L3 → L2)', async () => {
    await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('m_l3', { ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }] })],
    });
    const doc = await menuDoc('m_l3');
    expect(doc.carbon.calculationLevel).toBe('L2');
    expect(doc.supplierFactors).toBeUndefined();
  });

  it('full sync deactivates the items the POS no longer sends', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'full',
      menuItems: [
        item('menu_001', { itemName: '素麻婆豆腐', category: '主菜', price: 38, ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }] }),
        item('m_ok'),
      ],
    });
    expect(res.json.data.deactivatedCount).toBeGreaterThan(0);
    expect((await menuDoc('menu_002')).status).toBe('inactive');
    expect((await menuDoc('m_ok')).status).toBe('active');
  });
});

describe('degradation: pending carbon, then the timer', () => {
  it('an order for an unsynced dish is pending; after the menu sync the timer computes it and raises order.carbon.calculated', async () => {
    const res = await signedCall(
      env,
      pos,
      'POST',
      '/v1/pos/order/sync',
      order('LATE_1', { items: [{ menuItemId: 'menu_new', itemName: '新品沙拉', quantity: 2, unitPrice: 25, totalPrice: 50 }], totalAmount: 50 }),
    );
    expect(res.json.data.carbonStatus).toBe('pending');

    // timer before the dish is known: still pending, no event
    await env.emulator.timers.fire('pos-interface');
    expect((await env.db.collection('pos_orders').doc(`${pos.id}:LATE_1`).get()).data).toMatchObject({ carbonStatus: 'pending', carbonAttempts: 1 });
    expect((await outbox('order.carbon.calculated')).filter((e) => e.data.orderId === 'LATE_1')).toHaveLength(0);

    await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('menu_new', { itemName: '新品沙拉', ingredients: [{ ingredientName: '番茄', quantity: 100, unit: 'g' }], cookingMethod: 'raw' })],
    });
    // the retry is backed off; bring it forward instead of waiting a minute
    await env.db
      .collection('pos_orders')
      .doc(`${pos.id}:LATE_1`)
      .update({ data: { carbonNextCheckAt: new Date(Date.now() - 1000) } });
    await env.emulator.timers.fire('pos-interface');

    const stored = (await env.db.collection('pos_orders').doc(`${pos.id}:LATE_1`).get()).data as Record<string, any>;
    expect(stored).toMatchObject({ carbonStatus: 'calculated', carbon: { carbonImpact: { unit: 'kg CO₂e' } } });
    const events = (await outbox('order.carbon.calculated')).filter((e) => e.data.orderId === 'LATE_1');
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ orderId: 'LATE_1', status: 'success', carbonFootprint: stored.carbon.carbonImpact.totalCarbonFootprint });
    // delivered to the POS's webhook receiver (inline first attempt), with the seed's body
    const delivered = receiver.requests.map((r) => JSON.parse(r.body)).filter((b) => b.event === 'order.carbon.calculated' && b.data.orderId === 'LATE_1');
    expect(delivered).toHaveLength(1);

    // the order sync reply now returns the computed carbon
    const again = await signedCall(
      env,
      pos,
      'POST',
      '/v1/pos/order/sync',
      order('LATE_1', { items: [{ menuItemId: 'menu_new', itemName: '新品沙拉', quantity: 2, unitPrice: 25, totalPrice: 50 }], totalAmount: 50 }),
    );
    expect(again.json.data.carbonStatus).toBe('calculated');

    // a second timer run does not report it again
    await env.emulator.timers.fire('pos-interface');
    expect((await outbox('order.carbon.calculated')).filter((e) => e.data.orderId === 'LATE_1')).toHaveLength(1);
  });
});
