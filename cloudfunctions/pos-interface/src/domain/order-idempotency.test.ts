import { normaliseOrder, OrderSyncSchema } from './order';
import { decideOnExisting, fingerprintOrder } from './order-idempotency';

const base = {
  orderId: 'O1',
  restaurantId: 'rest_123456',
  orderTime: '2025-01-15T10:30:00Z',
  items: [{ menuItemId: 'menu_001', itemName: '素麻婆豆腐', quantity: 2, unitPrice: 38, totalPrice: 76 }],
  totalAmount: 76,
};
const state = (patch: Record<string, unknown> = {}) => {
  const order = normaliseOrder(OrderSyncSchema.parse({ ...base, ...patch }));
  return { transactionType: order.transactionType, fingerprints: fingerprintOrder(order) };
};

describe('decideOnExisting', () => {
  it('same sale again → replay; a different sale → conflict', () => {
    expect(decideOnExisting(state(), state())).toEqual({ kind: 'replay' });
    expect(decideOnExisting(state(), state({ orderTime: '2025-01-15T10:31:00Z' })).kind).toBe('conflict');
    expect(decideOnExisting(state(), state({ totalAmount: 75 })).kind).toBe('conflict');
  });

  it('sale → refund / void of the same lines → reverse (the reversal may carry its own time)', () => {
    expect(decideOnExisting(state(), state({ transactionType: 'refund', orderTime: '2025-01-16T09:00:00Z' }))).toEqual({ kind: 'reverse', to: 'refund' });
    expect(decideOnExisting(state(), state({ transactionType: 'void' }))).toEqual({ kind: 'reverse', to: 'void' });
    expect(decideOnExisting(state(), state({ transactionType: 'refund', totalAmount: 70 })).kind).toBe('conflict');
  });

  it('after a refund: the refund again → replay, the late sale → replay, a void → conflict', () => {
    const refunded = state({ transactionType: 'refund' });
    expect(decideOnExisting(refunded, state({ transactionType: 'refund', orderTime: '2025-01-17T00:00:00Z' }))).toEqual({ kind: 'replay' });
    expect(decideOnExisting(refunded, state())).toEqual({ kind: 'replay' });
    expect(decideOnExisting(refunded, state({ transactionType: 'void' })).kind).toBe('conflict');
  });
});
