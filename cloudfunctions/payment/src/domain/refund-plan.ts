import { MAX_REFUNDS_PER_PAYMENT } from './payment-ids';
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
