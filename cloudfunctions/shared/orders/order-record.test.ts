import { itemCountOf, newOrderRecord, normaliseOrderStatus, readOrder } from './order-record';

describe('readOrder', () => {
  it('reads every older field name under its one name, money in whole fen', () => {
    const order = readOrder({
      _id: 'o1',
      storeId: 's1',
      openid: 'diner',
      source: 'cabinet',
      title: '智能柜取餐',
      items: [
        { itemId: 'menu_001', name: '素麻婆豆腐', qty: 1, priceFen: 3800 },
        { itemName: '米饭', quantity: 2, priceFen: 300 },
        { name: '套餐', quantity: 1, unitPriceFen: 5000, amountFen: 4500 },
      ],
      totalFen: 12000,
      status: 'paid',
      paymentId: 'P1',
      paymentMethod: 'wechat',
      paidFen: 11000,
      paidAt: '2026-01-31T10:06:00.000Z',
      createdAt: new Date('2026-01-31T10:05:00Z'),
    });
    expect(order).toEqual({
      _id: 'o1',
      storeId: 's1',
      openid: 'diner',
      source: 'cabinet',
      title: '智能柜取餐',
      items: [
        { itemId: 'menu_001', name: '素麻婆豆腐', quantity: 1, unitPriceFen: 3800, amountFen: 3800 },
        { name: '米饭', quantity: 2, unitPriceFen: 300, amountFen: 600 },
        { name: '套餐', quantity: 1, unitPriceFen: 5000, amountFen: 4500 },
      ],
      totalFen: 12000,
      status: 'paid',
      paymentId: 'P1',
      paymentMethod: 'wechat',
      paidFen: 11000,
      paidAt: new Date('2026-01-31T10:06:00.000Z'),
      createdAt: new Date('2026-01-31T10:05:00Z'),
    });
    expect(itemCountOf(order)).toBe(4);
  });

  it('copes with a bare or odd document', () => {
    expect(readOrder({ _id: 'o2', items: [{ qty: 1.5, priceFen: -0.5 }], totalFen: 9.99, paidAt: 'not a date', paymentId: null })).toEqual({
      _id: 'o2',
      storeId: '',
      openid: '',
      source: 'table',
      items: [{ name: '', quantity: 1, unitPriceFen: 0, amountFen: 0 }],
      totalFen: 0,
      status: 'unknown',
    });
  });

  it('keeps a refund status and drops one it does not know', () => {
    expect(readOrder({ _id: 'o3', status: 'paid', refundStatus: 'partially_refunded', refundedFen: 100 })).toMatchObject({
      refundStatus: 'partially_refunded',
      refundedFen: 100,
    });
    expect(readOrder({ _id: 'o4', status: 'paid', refundStatus: 'weird' })).not.toHaveProperty('refundStatus');
  });
});

it.each([
  ['pending', 'pending'],
  ['pending_payment', 'pending'],
  ['unpaid', 'pending'],
  ['paid', 'paid'],
  ['expired', 'closed'],
  ['canceled', 'cancelled'],
  ['finished', 'completed'],
  ['something_new', 'unknown'],
  [undefined, 'unknown'],
])('normaliseOrderStatus(%j) → %s', (stored, expected) => {
  expect(normaliseOrderStatus(stored)).toBe(expected);
});

describe('newOrderRecord', () => {
  const at = new Date('2026-02-01T04:00:00Z');
  const input = {
    _id: 'order_new_1',
    storeId: 's1',
    openid: 'diner',
    source: 'cabinet' as const,
    items: [
      { itemId: 'menu_001', name: '素麻婆豆腐', quantity: 2, unitPriceFen: 3800 },
      { name: '米饭', quantity: 1, unitPriceFen: 300, amountFen: 0 },
    ],
    at,
  };

  it('places a pending order whose total is the sum of its lines, and reads back as written', () => {
    const order = newOrderRecord(input);
    expect(order).toEqual({
      _id: 'order_new_1',
      storeId: 's1',
      openid: 'diner',
      source: 'cabinet',
      items: [
        { itemId: 'menu_001', name: '素麻婆豆腐', quantity: 2, unitPriceFen: 3800, amountFen: 7600 },
        { name: '米饭', quantity: 1, unitPriceFen: 300, amountFen: 0 },
      ],
      totalFen: 7600,
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    });
    expect(readOrder(order)).toEqual(order);
  });

  it('refuses lines that are not whole fen or have no quantity', () => {
    expect(() => newOrderRecord({ ...input, items: [{ name: 'x', quantity: 1, unitPriceFen: 1.5 }] })).toThrow(RangeError);
    expect(() => newOrderRecord({ ...input, items: [{ name: 'x', quantity: 0, unitPriceFen: 100 }] })).toThrow(RangeError);
    expect(() => newOrderRecord({ ...input, items: [{ name: 'x', quantity: 1, unitPriceFen: -100 }] })).toThrow(RangeError);
  });
});
