import { MAX_REFUNDS_PER_PAYMENT } from './payment-ids';
import { DUPLICATE_PAYMENT_REASON, type AbnormalMoney } from './payment-record';
import type { PaymentStatus } from './payment-state';

export interface RefundablePayment {
  status: PaymentStatus;
  payableFen: number;
  refundedFen: number;
  refundCount: number;
}

export type RefundRefusal = 'not_refundable_status' | 'refund_in_progress' | 'amount_exceeds_remaining' | 'too_many_refunds' | 'invalid_amount';

export type RefundPlan = { ok: true; refundFen: number; sequence: number; fullyRefunded: boolean } | { ok: false; reason: RefundRefusal; remainingFen: number };

/** Decides whether (and how much) a payment can be refunded; `requestedFen` absent = the whole remainder. */
export function planRefund(payment: RefundablePayment, requestedFen?: number): RefundPlan {
  const remainingFen = payment.payableFen - payment.refundedFen;
  if (payment.status === 'refunding') return { ok: false, reason: 'refund_in_progress', remainingFen };
  if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return { ok: false, reason: 'not_refundable_status', remainingFen };
  if (payment.refundCount >= MAX_REFUNDS_PER_PAYMENT) return { ok: false, reason: 'too_many_refunds', remainingFen };
  const refundFen = requestedFen ?? remainingFen;
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) return { ok: false, reason: 'invalid_amount', remainingFen };
  if (refundFen > remainingFen) return { ok: false, reason: 'amount_exceeds_remaining', remainingFen };
  return { ok: true, refundFen, sequence: payment.refundCount + 1, fullyRefunded: refundFen === remainingFen };
}

/**
 * WeChat's refund err_codes that leave the refund's fate open: the refund may already exist,
 * and WeChat's instruction is to call again with the SAME out_refund_no. Every other business
 * error is a definite refusal (e.g. NOTENOUGH, TRADE_OVERDUE).
 */
const RETRY_SAME_REFUND_CODES: ReadonlySet<string> = new Set(['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED', 'UNKNOWN']);

export function isDefiniteRefundRejection(errCode: string): boolean {
  return !RETRY_SAME_REFUND_CODES.has(errCode);
}

/**
 * How long after a refund request was sent WeChat's "no such refund" (REFUNDNOTEXIST) is not
 * believed. The request may still be on its way (the function runs up to 20 s) and WeChat may
 * not list a refund it has just accepted; failing it then frees the payment for a second refund
 * while WeChat pays out the first. Ten minutes is far beyond both, and a refund WeChat really
 * never received still fails within a sweep or two.
 */
export const REFUND_NOTEXIST_GRACE_MS = 10 * 60_000;

/** Whether WeChat's "no such refund" may fail this refund now. */
export function mayFailUnknownRefund(refund: { lastSentAt?: Date | string; createdAt: Date | string }, now: Date): boolean {
  const sentAt = new Date(refund.lastSentAt ?? refund.createdAt).getTime();
  return now.getTime() - sentAt >= REFUND_NOTEXIST_GRACE_MS;
}

export interface AbnormalRefundable {
  status: PaymentStatus;
  refundCount: number;
  abnormal?: Pick<AbnormalMoney, 'reason' | 'reportedFen' | 'refundedFen' | 'refundingId'>;
}

export type AbnormalRefundRefusal = 'no_abnormal_money' | 'not_refundable_status' | 'refund_in_progress' | 'too_many_refunds' | 'already_refunded';

export type AbnormalRefundPlan =
  { ok: true; refundFen: number; sequence: number; closesPayment: boolean } | { ok: false; reason: AbnormalRefundRefusal; remainingFen: number };

/**
 * Money WeChat collected that was never booked — an amount that did not match (payment still
 * pending) or money for a payment already closed/failed — goes back whole, in one refund that
 * counts towards WeChat's 50 refunds per order like any other. A duplicate payment
 * (order_already_paid) is booked as paid and refunded the ordinary way instead.
 * A pending payment is closed by this refund: its WeChat order is paid, so it can never be paid
 * properly, and the diner pays the order again with a new payment.
 */
export function planAbnormalRefund(payment: AbnormalRefundable): AbnormalRefundPlan {
  const abnormal = payment.abnormal;
  const remainingFen = abnormal ? abnormal.reportedFen - (abnormal.refundedFen ?? 0) : 0;
  if (!abnormal || abnormal.reason === DUPLICATE_PAYMENT_REASON) return { ok: false, reason: 'no_abnormal_money', remainingFen };
  if (payment.status !== 'pending' && payment.status !== 'closed' && payment.status !== 'failed')
    return { ok: false, reason: 'not_refundable_status', remainingFen };
  if (abnormal.refundingId) return { ok: false, reason: 'refund_in_progress', remainingFen };
  if (!Number.isSafeInteger(remainingFen) || remainingFen <= 0) return { ok: false, reason: 'already_refunded', remainingFen: Math.max(0, remainingFen) };
  if (payment.refundCount >= MAX_REFUNDS_PER_PAYMENT) return { ok: false, reason: 'too_many_refunds', remainingFen };
  return { ok: true, refundFen: remainingFen, sequence: payment.refundCount + 1, closesPayment: payment.status === 'pending' };
}
