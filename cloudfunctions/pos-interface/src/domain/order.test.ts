import { normaliseOrder, OrderSyncSchema } from './order';

const seed = {
  orderId: 'POS_ORDER_202501151030001',
  restaurantId: 'rest_123456',
  orderTime: '2025-01-15T10:30:00Z',
  items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38.0, totalPrice: 76.0 }],
  totalAmount: 76.0,
  customerInfo: { customerId: 'customer_001', phone: '138****1234' },
};

describe('OrderSyncSchema + normaliseOrder', () => {
  it('accepts the seed example and keeps fen, UTC and a masked phone', () => {
    const order = normaliseOrder(OrderSyncSchema.parse(seed));
    expect(order).toEqual({
      orderId: 'POS_ORDER_202501151030001',
      restaurantId: 'rest_123456',
      orderTime: new Date('2025-01-15T10:30:00Z'),
      transactionType: 'sale',
      items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPriceFen: 3800, totalPriceFen: 7600 }],
      totalAmountFen: 7600,
      customer: { customerId: 'customer_001', phoneMasked: '138****1234' },
    });
    expect(normaliseOrder(OrderSyncSchema.parse({ ...seed, customerInfo: { phone: '13912345678' } })).customer).toEqual({ phoneMasked: '139****5678' });
    expect(normaliseOrder(OrderSyncSchema.parse({ ...seed, orderTime: '2025-01-15T18:30:00+08:00' })).orderTime.toISOString()).toBe('2025-01-15T10:30:00.000Z');
  });

  it.each([
    [{ totalAmount: 76.001 }, 'totalAmount'],
    [{ totalAmount: -1 }, 'totalAmount'],
    [{ items: [] }, 'items'],
    [{ items: [{ ...seed.items[0], quantity: 1.5 }] }, 'items.0.quantity'],
    [{ items: [{ ...seed.items[0], totalPrice: 75 }] }, 'items.0.totalPrice'],
    [{ orderTime: '2025-01-15 10:30' }, 'orderTime'],
    [{ orderId: 'has space' }, 'orderId'],
    [{ transactionType: 'exchange' }, 'transactionType'],
    [{ customerInfo: { phone: '12345' } }, 'customerInfo.phone'],
  ])('rejects %j at %s', (patch, path) => {
    const result = OrderSyncSchema.safeParse({ ...seed, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join('.')).toBe(path);
  });
});
