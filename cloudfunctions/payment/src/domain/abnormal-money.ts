import type { AbnormalMoney, PaymentRecord } from './payment-record';
import type { RefundOutcome } from './refund-completion';

/**
 * Money WeChat collected that was never booked (PaymentRecord.abnormal) is given back by abnormal
 * refunds, one at a time; these decide what finishing one does. Pure.
 */

/** The payment's abnormal bookkeeping once `refundFen` more of it went back. */
export function abnormalAfterRefund(abnormal: AbnormalMoney, refundFen: number): AbnormalMoney {
  return { ...abnormal, refundedFen: (abnormal.refundedFen ?? 0) + refundFen, refundingId: null };
}

/**
 * Whether an abnormal refund reported done can be booked on its payment: it must be the one in
 * progress — or, reopened (WeChat completed one we had recorded as failed), no other may be.
 */
export function decideAbnormalRefundCompletion(
  payment: Pick<PaymentRecord, 'abnormal'>,
  refundId: string,
  reopened: boolean,
): { ok: true; abnormal: AbnormalMoney } | { ok: false; outcome: Extract<RefundOutcome, { kind: 'mismatch' | 'busy' }> } {
  if (!payment.abnormal) return { ok: false, outcome: { kind: 'mismatch', reason: 'abnormal refund without abnormal money' } };
  const refundingId = payment.abnormal.refundingId ?? null;
  if (!reopened && refundingId !== refundId) return { ok: false, outcome: { kind: 'mismatch', reason: 'abnormal refund not in progress' } };
  // Reopened while another abnormal refund is in progress: finish that one first.
  if (reopened && refundingId !== null && refundingId !== refundId) return { ok: false, outcome: { kind: 'busy' } };
  return { ok: true, abnormal: payment.abnormal };
}

/** An abnormal refund failed: only the one in progress frees the abnormal money for another try. */
export function abnormalAfterFailedRefund(payment: Pick<PaymentRecord, 'abnormal'>, refundId: string): AbnormalMoney | null {
  if (!payment.abnormal || payment.abnormal.refundingId !== refundId) return null;
  return { ...payment.abnormal, refundingId: null };
}
