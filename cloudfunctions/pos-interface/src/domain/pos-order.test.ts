import { menuItemDocId, type MenuItemDoc } from './menu-item';
import { normaliseOrder, OrderSyncSchema } from './order';
import { fingerprintOrder } from './order-idempotency';
import { buildPosOrderDoc, computeOrderCarbon, nextPendingCheck, orderSyncReply } from './pos-order';

const tofu: MenuItemDoc = {
  _id: menuItemDocId('s1', 'menu_001'),
  storeId: 's1',
  itemId: 'menu_001',
  itemName: '素麻婆豆腐',
  category: '主菜',
  priceFen: 3800,
  unit: '份',
  status: 'active',
  // 200 g tofu × 3.16 = 0.632, stir-fried 0.2 kg × 0.1 (cooking factor) → per serving as computed by the engine
  ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }],
  cookingMethod: 'stir_fried',
  updatedAt: new Date(),
};
const order = (patch: Record<string, unknown> = {}) =>
  normaliseOrder(
    OrderSyncSchema.parse({
      orderId: 'O1',
      restaurantId: 's1',
      orderTime: '2025-01-15T10:30:00Z',
      items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38, totalPrice: 76 }],
      totalAmount: 76,
      ...patch,
    }),
  );

describe('computeOrderCarbon', () => {
  it('aggregates per-serving figures × quantity', () => {
    const outcome = computeOrderCarbon(order(), 's1', new Map([[tofu._id, tofu]]));
    expect(outcome.status).toBe('calculated');
    if (outcome.status !== 'calculated') return;
    const { carbonImpact, items } = outcome.carbon;
    expect(carbonImpact.baseline).toBe(2.4); // 主菜 baseline 1.2 × 2
    expect(items[0].carbonFootprint).toBe(carbonImpact.totalCarbonFootprint);
  });

  it('is pending, with the reason, for an unknown dish or an unknown ingredient — never a guess', () => {
    expect(computeOrderCarbon(order(), 's1', new Map())).toMatchObject({ status: 'pending', reason: { code: 'INVALID_ORDER_ITEM' } });
    const odd = { ...tofu, ingredients: [{ ingredientName: '龙涎香', quantity: 1, unit: 'g' }] };
    expect(computeOrderCarbon(order(), 's1', new Map([[odd._id, odd]]))).toMatchObject({ status: 'pending', reason: { code: 'UNKNOWN_INGREDIENT' } });
  });
});

describe('orderSyncReply', () => {
  it('a refund replies with negative amount and carbon', () => {
    const o = order({ transactionType: 'refund' });
    const doc = buildPosOrderDoc({
      integrationId: 'i1',
      storeId: 's1',
      order: o,
      fingerprints: fingerprintOrder(o),
      outcome: computeOrderCarbon(o, 's1', new Map([[tofu._id, tofu]])),
      now: new Date('2025-01-15T11:00:00Z'),
    });
    const reply = orderSyncReply(doc);
    expect(reply.reversal).toEqual({
      transactionType: 'refund',
      reversedAt: '2025-01-15T11:00:00.000Z',
      amount: -76,
      carbonFootprint: -reply.carbonImpact!.totalCarbonFootprint,
      carbonReduction: -reply.carbonImpact!.carbonReduction,
    });
  });

  it('a pending order replies with null figures per item', () => {
    const o = order();
    const doc = buildPosOrderDoc({
      integrationId: 'i1',
      storeId: 's1',
      order: o,
      fingerprints: fingerprintOrder(o),
      outcome: { status: 'pending', reason: { code: 'X', message: 'x' } },
      now: new Date(),
    });
    expect(orderSyncReply(doc)).toMatchObject({
      carbonStatus: 'pending',
      carbonImpact: null,
      items: [{ menuItemId: 'menu_001', carbonFootprint: null, carbonLabel: null }],
    });
  });
});

describe('nextPendingCheck', () => {
  it('backs off 1, 2, 4 … minutes, capped at 60', () => {
    const now = new Date(0);
    expect([1, 2, 3, 7, 20].map((n) => nextPendingCheck(n, now).getTime() / 60000)).toEqual([1, 2, 4, 60, 60]);
  });
});
