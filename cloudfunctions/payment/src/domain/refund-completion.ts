import { refundIdFor } from './payment-ids';
import type { PaymentRecord, RefundRecord } from './payment-record';
import type { PaymentStatus } from './payment-state';

/** What completing (or trying to complete) a refund came to. */
export type RefundOutcome =
  | { kind: 'refunded'; status: PaymentStatus; refundedFen: number; pointsReversed: number; ticketsReturned: number; reopened?: boolean }
  | { kind: 'already'; status: PaymentStatus }
  /** WeChat finished a refund we had recorded as failed while another refund is in progress: ask again later */
  | { kind: 'busy' }
  | { kind: 'not_found' }
  | { kind: 'mismatch'; reason: string };

export type RefundCompletion =
  | { kind: 'done'; outcome: Exclude<RefundOutcome, { kind: 'refunded' }> }
  /** an abnormal refund: see decideAbnormalRefundCompletion */
  | { kind: 'abnormal'; reopened: boolean }
  /** complete it: `reopened` first puts the payment back into refunding */
  | { kind: 'complete'; reopened: boolean; refundedFen: number; fullyRefunded: boolean };

/**
 * Whether a refund reported done can be completed on its payment. `wechatConfirmed`: WeChat itself
 * (queryRefund) reported SUCCESS — then even a refund recorded here as failed is completed
 * ("reopened"): the money has left, and leaving it failed would let staff refund it again.
 */
export function decideRefundCompletion(
  refund: Pick<RefundRecord, '_id' | 'status' | 'refundFen' | 'kind'>,
  payment: Pick<PaymentRecord, 'status' | 'refundingId' | 'refundedFen' | 'payableFen'>,
  report: { reportedFen?: number; wechatConfirmed?: boolean },
): RefundCompletion {
  const mismatch = (reason: string): RefundCompletion => ({ kind: 'done', outcome: { kind: 'mismatch', reason } });
  if (refund.status === 'succeeded') return { kind: 'done', outcome: { kind: 'already', status: payment.status } };
  if (report.reportedFen !== undefined && report.reportedFen !== refund.refundFen) return mismatch('refund_amount_mismatch');
  const reopened = refund.status === 'failed' && !!report.wechatConfirmed;
  if (refund.status !== 'processing' && !reopened) return mismatch(`refund ${refund.status}, payment ${payment.status}`);
  if (refund.kind === 'abnormal') return { kind: 'abnormal', reopened };
  if (reopened) {
    if (payment.status === 'refunding') return { kind: 'done', outcome: { kind: 'busy' } };
    if (payment.refundedFen + refund.refundFen > payment.payableFen) return mismatch('reopened_refund_exceeds_payment');
  } else if (payment.status !== 'refunding' || payment.refundingId !== refund._id) {
    return mismatch(`refund ${refund.status}, payment ${payment.status}`);
  }
  const refundedFen = payment.refundedFen + refund.refundFen;
  return { kind: 'complete', reopened, refundedFen, fullyRefunded: refundedFen >= payment.payableFen };
}

/** The refund record a staff request creates, still processing; `sentNow` when WeChat is asked right after the commit. */
export function newRefundRecord(
  payment: Pick<PaymentRecord, '_id' | 'orderId' | 'openid' | 'method'>,
  plan: { sequence: number; refundFen: number },
  request: { reason: string; operatorOpenid: string; requestId: string; external?: boolean },
  now: Date,
  options: { sentNow: boolean; kind?: 'abnormal' },
): RefundRecord {
  return {
    _id: refundIdFor(payment._id, plan.sequence),
    paymentId: payment._id,
    orderId: payment.orderId,
    openid: payment.openid,
    method: payment.method,
    sequence: plan.sequence,
    refundFen: plan.refundFen,
    reason: request.reason,
    status: 'processing',
    operatorOpenid: request.operatorOpenid,
    requestId: request.requestId,
    ...(options.kind ? { kind: options.kind } : {}),
    createdAt: now,
    ...(options.sentNow ? { lastSentAt: now } : {}),
    ...(request.external ? { external: true } : {}),
  };
}
