import { isDefiniteRefundRejection, mayFailUnknownRefund, planAbnormalRefund, planRefund, REFUND_NOTEXIST_GRACE_MS } from './refund-plan';

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

  it("believes WeChat's 'no such refund' only long after the last send", () => {
    const now = new Date('2026-11-22T02:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(mayFailUnknownRefund({ createdAt: ago(REFUND_NOTEXIST_GRACE_MS) }, now)).toBe(true);
    expect(mayFailUnknownRefund({ createdAt: ago(REFUND_NOTEXIST_GRACE_MS - 1) }, now)).toBe(false);
    // created long ago, but re-sent a moment ago by a retried request
    expect(mayFailUnknownRefund({ createdAt: ago(3 * REFUND_NOTEXIST_GRACE_MS), lastSentAt: ago(1000) }, now)).toBe(false);
  });
});

describe('abnormal money refund plan', () => {
  const closed = { status: 'closed' as const, refundCount: 0, abnormal: { reason: 'paid_while_closed', reportedFen: 3000 } };

  it('gives back the whole unbooked amount in one refund; a pending (mismatched) payment is closed by it', () => {
    expect(planAbnormalRefund(closed)).toEqual({ ok: true, refundFen: 3000, sequence: 1, closesPayment: false });
    expect(planAbnormalRefund({ status: 'pending', refundCount: 2, abnormal: { reason: 'amount_mismatch', reportedFen: 4999, refundedFen: 0 } })).toEqual({
      ok: true,
      refundFen: 4999,
      sequence: 3,
      closesPayment: true,
    });
  });

  it('refuses payments without unbooked money, a refund in progress, money already given back and the 51st refund', () => {
    expect(planAbnormalRefund({ status: 'closed', refundCount: 0 })).toMatchObject({ ok: false, reason: 'no_abnormal_money' });
    expect(planAbnormalRefund({ status: 'paid', refundCount: 0, abnormal: { reason: 'order_already_paid', reportedFen: 1 } })).toMatchObject({
      ok: false,
      reason: 'no_abnormal_money',
    });
    expect(planAbnormalRefund({ ...closed, status: 'refunded' })).toMatchObject({ ok: false, reason: 'not_refundable_status' });
    expect(planAbnormalRefund({ ...closed, abnormal: { ...closed.abnormal, refundingId: 'R1' } })).toMatchObject({ ok: false, reason: 'refund_in_progress' });
    expect(planAbnormalRefund({ ...closed, abnormal: { ...closed.abnormal, refundedFen: 3000 } })).toMatchObject({ ok: false, reason: 'already_refunded' });
    expect(planAbnormalRefund({ ...closed, refundCount: 50 })).toMatchObject({ ok: false, reason: 'too_many_refunds' });
  });
});
