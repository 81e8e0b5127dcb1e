import { MENU_SYNC_INLINE_WEBHOOKS } from '../../cloudfunctions/pos-interface/src/application/menu-sync';
import { MenuItemSyncSchema, MenuSyncSchema } from '../../cloudfunctions/pos-interface/src/domain/menu-sync';
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

/**
 * The seed 000 §3.3 request example, byte for byte as the seed writes it. Three of its values
 * are not values but lists of alternatives: "full|incremental", "active|inactive" and
 * "low|medium|high". A POS sends one of them, never the list, so the literal text is not a
 * real request (and is refused); the tests below resolve exactly those three placeholders and
 * leave every other byte of the example (fields, nesting, types, number formats) as written.
 */
const SEED_MENU_EXAMPLE_VERBATIM = `{
  "restaurantId": "rest_123456",
  "syncType": "full|incremental",
  "menuItems": [
    {
      "itemId": "menu_001",
      "itemName": "素麻婆豆腐",
      "category": "主菜",
      "price": 38.00,
      "unit": "份",
      "status": "active|inactive",
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
        "level": "low|medium|high",
        "icon": "https://cdn.example.com/label-low.png",
        "description": "低碳排放菜品"
      },
      "updatedAt": "2025-01-15T10:30:00Z"
    }
  ],
  "timestamp": "2025-01-15T10:30:00Z"
}`;

const PLACEHOLDERS = ['"full|incremental"', '"active|inactive"', '"low|medium|high"'] as const;

/** The seed example with each placeholder replaced by one of its alternatives, nothing else touched. */
function resolveSeedMenuExample(syncType: 'full' | 'incremental', status: 'active' | 'inactive', level: 'low' | 'medium' | 'high'): string {
  return SEED_MENU_EXAMPLE_VERBATIM.replace(PLACEHOLDERS[0], `"${syncType}"`).replace(PLACEHOLDERS[1], `"${status}"`).replace(PLACEHOLDERS[2], `"${level}"`);
}

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
  it('the literal seed example is documentation, not a request: its "full|incremental" placeholder is refused (400, syncType)', async () => {
    for (const placeholder of PLACEHOLDERS) expect(SEED_MENU_EXAMPLE_VERBATIM.split(placeholder)).toHaveLength(2);
    const res = await signedCall(env, pos, 'POST', MENU_PATH, SEED_MENU_EXAMPLE_VERBATIM);
    expect([res.status, res.json.code, res.json.details?.field]).toEqual([400, 40001, 'syncType']);
  });

  it('the seed example with only its placeholders resolved (incremental, active, low): every field of it is declared by the contract', () => {
    const body = JSON.parse(resolveSeedMenuExample('incremental', 'active', 'low'));
    const parsed = MenuSyncSchema.parse(body);
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(body).sort());
    const [seedItem] = body.menuItems;
    const item = MenuItemSyncSchema.parse(seedItem);
    // nothing is dropped as unknown (zod strips undeclared keys silently), nested values survive as written
    expect(Object.keys(item).sort()).toEqual(Object.keys(seedItem).sort());
    expect(item).toMatchObject({ price: 38, ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }], cookingMethod: 'stir_fried' });
  });

  it('accepts the seed example with its three placeholders resolved (incremental, active, low), computes the carbon itself and replies in the seed shape', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, resolveSeedMenuExample('incremental', 'active', 'low'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 0, message: '同步成功', data: { totalCount: 1, successCount: 1, failedCount: 0, failedItems: [] } });
    expect(res.json.data.syncId).toMatch(/^sync_\d{14}_/);
    const doc = await menuDoc('menu_001');
    expect(doc).toMatchObject({ itemName: '素麻婆豆腐', priceFen: 3800, carbon: { calculationLevel: 'L2', unit: 'kg CO₂e' } });
    // 200 g 豆腐 only now (the demo recipe had three ingredients), computed by the engine, not copied from the push
    expect(doc.carbon.value).not.toBe(0.45);
  });

  it('accepts the other alternatives of the placeholders too (inactive, high), incrementally', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, resolveSeedMenuExample('incremental', 'inactive', 'high'));
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ totalCount: 1, successCount: 1, failedCount: 0 });
    expect((await menuDoc('menu_001')).status).toBe('inactive');
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

  it('carbon.label.updated gets its first attempt inline, within the menu sync request (no timer)', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, { restaurantId: 'rest_123456', syncType: 'incremental', menuItems: [item('m_inline')] });
    expect(res.status).toBe(200);
    // the receiver already has it when the POS gets the reply
    const received = receiver.requests.map((r) => JSON.parse(r.body)).filter((b) => b.event === 'carbon.label.updated' && b.data.itemId === 'm_inline');
    expect(received).toHaveLength(1);
    const [record] = (await outbox('carbon.label.updated')).filter((e) => e.data.itemId === 'm_inline');
    expect(record).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it(`a menu sync with many label changes sends the first ${MENU_SYNC_INLINE_WEBHOOKS} inline and leaves the rest to the timer`, async () => {
    const ids = Array.from({ length: MENU_SYNC_INLINE_WEBHOOKS + 3 }, (_, i) => `m_many_${String(i).padStart(2, '0')}`);
    const res = await signedCall(env, pos, 'POST', MENU_PATH, { restaurantId: 'rest_123456', syncType: 'incremental', menuItems: ids.map((id) => item(id)) });
    expect(res.json.data.successCount).toBe(ids.length);
    const records = (await outbox('carbon.label.updated')).filter((e) => ids.includes(e.data.itemId));
    expect(records).toHaveLength(ids.length);
    expect(records.filter((r) => r.status === 'delivered' && r.attempts === 1)).toHaveLength(MENU_SYNC_INLINE_WEBHOOKS);
    expect(records.filter((r) => r.status === 'pending' && r.attempts === 0)).toHaveLength(3);

    await env.emulator.timers.fire('pos-interface');
    const after = (await outbox('carbon.label.updated')).filter((e) => ids.includes(e.data.itemId));
    expect(after.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    const received = new Set(
      receiver.requests
        .map((r) => JSON.parse(r.body))
        .filter((b) => b.event === 'carbon.label.updated')
        .map((b) => b.data.itemId),
    );
    expect(ids.every((id) => received.has(id))).toBe(true);
  });

  it('an absurd supplier factor (1e308 × 100 kg) fails that item with its field path; the sync is not a 500', async () => {
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [
        item('m_factor_huge', {
          ingredients: [{ ingredientName: '豆腐', quantity: 100000, unit: 'g' }],
          supplierFactors: { 豆腐: { factor: 1e308, source: '某厂' } },
        }),
        item('m_factor_fine'),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ totalCount: 2, successCount: 1, failedCount: 1 });
    expect(res.json.data.failedItems).toEqual([{ itemId: 'm_factor_huge', reason: expect.stringContaining('supplierFactors.豆腐.factor') }]);
    expect(await countWhere(env, 'menu_items', { itemId: 'm_factor_huge' })).toBe(0);
    expect((await menuDoc('m_factor_fine')).carbon.calculationLevel).toBe('L2');
  });

  it('a supplier factor named with "." or a leading "$" (not storable as a field name) fails that item with its field path, never a 500', async () => {
    const tofu = [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }];
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [
        item('m_key_dot', { ingredients: tofu, supplierFactors: { '豆.腐': { factor: 1, source: '某厂' } } }),
        item('m_key_dollar', { ingredients: tofu, supplierFactors: { $where: { factor: 1, source: '某厂' } } }),
        item('m_key_fine', { ingredients: tofu, supplierFactors: { 豆腐: { factor: 1, source: '某厂' } } }),
      ],
    });
    expect([res.status, res.json.code]).toEqual([200, 0]);
    expect(res.json.data).toMatchObject({ totalCount: 3, successCount: 1, failedCount: 2 });
    expect(res.json.data.failedItems).toEqual([
      { itemId: 'm_key_dot', reason: expect.stringContaining('supplierFactors.豆.腐') },
      { itemId: 'm_key_dollar', reason: expect.stringContaining('supplierFactors.$where') },
    ]);
    expect((await menuDoc('m_key_fine')).carbon.calculationLevel).toBe('L3');
    // an existing dish updated with a bad key: the same per-item failure, the stored dish untouched
    const again = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('m_key_fine', { ingredients: tofu, supplierFactors: { $豆腐: { factor: 2, source: '某厂' } } })],
    });
    expect([again.status, again.json.data.failedCount]).toEqual([200, 1]);
    expect((await menuDoc('m_key_fine')).supplierFactors).toEqual({ 豆腐: { factor: 1, source: '某厂' } });
  });

  it('three concurrent identical syncs creating the same new dishes all succeed (duplicate key → per-item add/update)', async () => {
    // warm instances, so that the syncs really run at the same time
    for (let i = 0; i < 2; i++) await Promise.all([1, 2, 3].map(() => signedCall(env, pos, 'GET', '/v1/pos/ping')));
    for (const round of [1, 2, 3, 4, 5]) {
      const ids = [1, 2, 3].map((n) => `m_race_${round}_${n}`);
      const body = { restaurantId: 'rest_123456', syncType: 'incremental', menuItems: ids.map((id) => item(id)) };
      const replies = await Promise.all([1, 2, 3].map(() => signedCall(env, pos, 'POST', MENU_PATH, body)));
      expect(replies.map((r) => [r.status, r.json.code, r.json.data?.successCount])).toEqual([
        [200, 0, 3],
        [200, 0, 3],
        [200, 0, 3],
      ]);
      expect(await countWhere(env, 'menu_items', { itemId: env.db.command.in(ids) })).toBe(3);
      // one label event per new dish, not one per racing request
      const events = (await outbox('carbon.label.updated')).filter((e) => ids.includes(e.data.itemId));
      expect(events.map((e) => e.data.itemId).sort()).toEqual(ids);
    }
  });

  it('a changed footprint with the same label raises no carbon.label.updated; a changed certification or level does', async () => {
    const greens = (grams: number) => [{ ingredientName: '青菜', quantity: grams, unit: 'g' }];
    await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('m_value', { ingredients: greens(250) })],
    });
    const first = (await outbox('carbon.label.updated')).filter((e) => e.data.itemId === 'm_value');
    expect(first).toHaveLength(1);
    const before = (await menuDoc('m_value')).carbon;
    await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'incremental',
      menuItems: [item('m_value', { ingredients: greens(300) })],
    });
    const after = (await menuDoc('m_value')).carbon;
    expect(after.value).not.toBe(before.value);
    expect([after.carbonLevel, after.certification, after.label]).toEqual([before.carbonLevel, before.certification, before.label]);
    expect((await outbox('carbon.label.updated')).filter((e) => e.data.itemId === 'm_value')).toHaveLength(1);
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

describe('full sync deactivation', () => {
  const demo = (itemId: string, status = 'active') => ({
    _id: `rest_123456:${itemId}`,
    storeId: 'rest_123456',
    itemId,
    itemName: itemId,
    category: '素菜',
    priceFen: 1000,
    unit: '份',
    status,
    ingredients: [{ ingredientName: '青菜', quantity: 100, unit: 'g' }],
    updatedAt: new Date(),
  });
  const statuses = async (ids: string[]) =>
    Object.fromEntries(
      (
        (
          await env.db
            .collection('menu_items')
            .where({ itemId: env.db.command.in(ids) })
            .get()
        ).data as any[]
      ).map((d) => [d.itemId, d.status]),
    );

  it('keeps a dish that was sent but failed validation active; deactivates only dishes the POS did not send', async () => {
    env.emulator.db.insertRaw('menu_items', [demo('fd_keep'), demo('fd_bad'), demo('fd_gone')]);
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'full',
      menuItems: [item('fd_keep'), item('fd_bad', { price: 12.345 })],
    });
    expect(res.json.data).toMatchObject({ successCount: 1, failedCount: 1, failedItems: [{ itemId: 'fd_bad' }] });
    expect(await statuses(['fd_keep', 'fd_bad', 'fd_gone'])).toEqual({ fd_keep: 'active', fd_bad: 'active', fd_gone: 'inactive' });
  });

  it('a full sync in which every item fails deactivates nothing (it used to empty the menu)', async () => {
    env.emulator.db.insertRaw('menu_items', [demo('fe_1'), demo('fe_2')]);
    const res = await signedCall(env, pos, 'POST', MENU_PATH, {
      restaurantId: 'rest_123456',
      syncType: 'full',
      menuItems: [item('fe_1', { price: 'free' }), { itemName: '没有 ID' }],
    });
    expect([res.status, res.json.data.successCount, res.json.data.failedCount, res.json.data.deactivatedCount]).toEqual([200, 0, 2, 0]);
    expect(await statuses(['fe_1', 'fe_2'])).toEqual({ fe_1: 'active', fe_2: 'active' });
    expect(await countWhere(env, 'menu_items', { storeId: 'rest_123456', status: 'active' })).toBeGreaterThan(2);
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
