import { isDefiniteRefundRejection, planRefund } from './refund-plan';

const paid = { status: 'paid' as const, payableFen: 10000, refundedFen: 0, refundCount: 0 };

describe('refund plan', () => {
  it('refunds the whole remainder by default', () => {
    expect(planRefund(paid)).toEqual({ ok: true, refundFen: 10000, sequence: 1, fullyRefunded: true });
  });

  it('plans a partial refund and then the rest', () => {
    expect(planRefund(paid, 3000)).toEqual({ ok: true, refundFen: 3000, sequence: 1, fullyRefunded: false });
    const after = { status: 'partially_refunded' as const, payableFen: 10000, refundedFen: 3000, refundCount: 1 };
    expect(planRefund(after)).toEqual({ ok: true, refundFen: 7000, sequence: 2, fullyRefunded: true });
  });

  it('refuses more than the remainder, zero, unpaid payments, a refund in progress and the 51st refund', () => {
    expect(planRefund({ ...paid, refundedFen: 9000, status: 'partially_refunded' }, 1001)).toEqual({
      ok: false,
      reason: 'amount_exceeds_remaining',
      remainingFen: 1000,
    });
    expect(planRefund(paid, 0)).toMatchObject({ ok: false, reason: 'invalid_amount' });
    expect(planRefund({ ...paid, status: 'pending' })).toMatchObject({ ok: false, reason: 'not_refundable_status' });
    expect(planRefund({ ...paid, status: 'refunding' })).toMatchObject({ ok: false, reason: 'refund_in_progress' });
    expect(planRefund({ ...paid, status: 'partially_refunded', refundedFen: 50, refundCount: 50 }, 1)).toMatchObject({ ok: false, reason: 'too_many_refunds' });
  });

  it('tells a definite refusal from an error after which the same out_refund_no must be retried', () => {
    for (const code of ['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED']) expect(isDefiniteRefundRejection(code)).toBe(false);
    for (const code of ['NOTENOUGH', 'TRADE_OVERDUE', 'USER_ACCOUNT_ABNORMAL', 'INVALID_REQUEST', 'ERROR']) expect(isDefiniteRefundRejection(code)).toBe(true);
  });
});
