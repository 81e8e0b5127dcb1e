import { isPayableOrder, orderPaidByAnother, paymentOwnsOrder } from './payment-record';

describe('orders and their payments', () => {
  it('an order is payable while pending with a positive integer total', () => {
    expect(isPayableOrder({ status: 'pending', totalFen: 100 })).toBe(true);
    expect(isPayableOrder({ status: 'paid', totalFen: 100 })).toBe(false);
    expect(isPayableOrder({ status: 'pending', totalFen: 0 })).toBe(false);
    expect(isPayableOrder({ status: 'pending', totalFen: 1.5 })).toBe(false);
  });

  it('knows when another payment already paid the order', () => {
    expect(orderPaidByAnother({ status: 'paid', paymentId: 'P1' }, 'P2')).toBe(true);
    expect(orderPaidByAnother({ status: 'completed', paymentId: 'P1', paidAt: new Date() }, 'P2')).toBe(true);
    expect(orderPaidByAnother({ status: 'paid', paymentId: 'P2' }, 'P2')).toBe(false);
    // still pending (even if another payment is linked): this payment may pay it
    expect(orderPaidByAnother({ status: 'pending', paymentId: 'P1' }, 'P2')).toBe(false);
  });

  it("a duplicate payment's refunds leave the order alone", () => {
    expect(paymentOwnsOrder({})).toBe(true);
    expect(paymentOwnsOrder({ abnormal: { reason: 'amount_mismatch', reportedFen: 1, at: new Date() } })).toBe(true);
    expect(paymentOwnsOrder({ abnormal: { reason: 'order_already_paid', reportedFen: 1, at: new Date() } })).toBe(false);
  });
});
