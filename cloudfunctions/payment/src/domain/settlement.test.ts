import type { PaymentRecord } from './payment-record';
import { decideOrderSettlement, decideSettlement, earnsPoints, refundReversesPoints } from './settlement';

const at = new Date('2026-02-01T04:00:00Z');
const payment = (fields: Partial<PaymentRecord> = {}) => ({
  status: 'pending' as PaymentRecord['status'],
  method: 'wechat' as PaymentRecord['method'],
  payableFen: 5000,
  ...fields,
});
const report = { transactionId: 'T1', reportedFen: 5000 };

describe('decideSettlement', () => {
  it('settles a pending payment paid the right amount', () => {
    expect(decideSettlement(payment(), report, at)).toEqual({ kind: 'settle' });
  });

  it('a repeated notification of the same money changes nothing', () => {
    expect(decideSettlement(payment({ status: 'paid', transactionId: 'T1' }), report, at)).toEqual({ kind: 'already_settled' });
    expect(decideSettlement(payment({ status: 'partially_refunded', transactionId: 'T1' }), report, at)).toEqual({ kind: 'already_settled' });
  });

  it('money for a payment that had ended is recorded once as abnormal, named after the status', () => {
    expect(decideSettlement(payment({ status: 'closed' }), report, at)).toEqual({
      kind: 'late_money',
      abnormal: { reason: 'paid_while_closed', reportedFen: 5000, transactionId: 'T1', at },
    });
    // settled by another transaction: still money we did not book
    expect(decideSettlement(payment({ status: 'paid', transactionId: 'T0' }), report, at)).toMatchObject({ abnormal: { reason: 'paid_while_paid' } });
    const recorded = { reason: 'paid_while_closed', reportedFen: 5000, transactionId: 'T1', at };
    expect(decideSettlement(payment({ status: 'closed', abnormal: recorded }), report, at)).toEqual({ kind: 'late_money', abnormal: null });
  });

  it('Pay Score waits for its completion', () => {
    expect(decideSettlement(payment({ method: 'payscore' }), report, at)).toEqual({ kind: 'not_ready' });
    expect(decideSettlement(payment({ method: 'payscore', payScoreCompletedAt: at }), report, at)).toEqual({ kind: 'settle' });
  });

  it('a wrong amount books nothing and is recorded once', () => {
    expect(decideSettlement(payment(), { transactionId: 'T1', reportedFen: 4999 }, at)).toEqual({
      kind: 'amount_mismatch',
      expectedFen: 5000,
      reportedFen: 4999,
      abnormal: { reason: 'amount_mismatch', reportedFen: 4999, transactionId: 'T1', at },
    });
    const recorded = { reason: 'amount_mismatch', reportedFen: 4999, transactionId: 'T1', at };
    expect(decideSettlement(payment({ abnormal: recorded }), { transactionId: 'T1', reportedFen: 4999 }, at)).toMatchObject({ abnormal: null });
  });
});

describe('decideOrderSettlement', () => {
  it('pays the order unless another payment paid it', () => {
    expect(decideOrderSettlement(null, 'P2', report, at)).toEqual({ kind: 'pay_order' });
    expect(decideOrderSettlement({ status: 'pending', paymentId: 'P2' }, 'P2', report, at)).toEqual({ kind: 'pay_order' });
    expect(decideOrderSettlement({ status: 'pending', paymentId: 'P1' }, 'P2', report, at)).toEqual({ kind: 'pay_order' });
  });

  it('a second payment is booked apart as a duplicate, or refused at the till', () => {
    expect(decideOrderSettlement({ status: 'paid', paymentId: 'P1' }, 'P2', report, at)).toEqual({
      kind: 'duplicate',
      paidBy: 'P1',
      abnormal: { reason: 'order_already_paid', reportedFen: 5000, transactionId: 'T1', paidBy: 'P1', at },
    });
    expect(decideOrderSettlement({ status: 'paid', paymentId: 'P1' }, 'P2', { ...report, refuseIfOrderPaid: true }, at)).toEqual({
      kind: 'refused',
      paidBy: 'P1',
    });
  });
});

it('real money earns points; refunds take them back only where they were earned', () => {
  expect(['wechat', 'payscore', 'cash', 'tickets'].map((method) => earnsPoints({ method: method as PaymentRecord['method'] }))).toEqual([
    true,
    true,
    true,
    false,
  ]);
  expect(refundReversesPoints({ method: 'wechat' })).toBe(true);
  expect(refundReversesPoints({ method: 'wechat', abnormal: { reason: 'order_already_paid', reportedFen: 1, at } })).toBe(false);
  expect(refundReversesPoints({ method: 'tickets' })).toBe(false);
});
