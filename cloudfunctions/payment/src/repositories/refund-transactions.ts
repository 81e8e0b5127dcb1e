import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { refundTicketsInTransaction, reversePointsInTransaction } from '../../../shared/members/ledger';
import { markPartiallyRefunded, markRefunded, markRefundFailed, markRefunding } from '../../../shared/orders/order-repository';
import { txFindById } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Errors } from '../errors';
import { ledgerReason } from '../domain/ledger-reason';
import { paymentOwnsOrder, type PaymentRecord, type RefundRecord } from '../domain/payment-record';
import type { PaymentStatus } from '../domain/payment-state';
import { decideRefundCompletion, newRefundRecord, type RefundOutcome } from '../domain/refund-completion';
import { planRefund } from '../domain/refund-plan';
import { refundReversesPoints } from '../domain/settlement';
import { ticketsToReturn } from '../domain/ticket-refund';
import { completeAbnormalRefund, failAbnormalRefund } from './abnormal-refund-transactions';
import { appendAudit, appendEvent, event, orderWrite, step, type EventSource } from './payment-tx';

/** Refunds of settled payments: starting one (staff), completing it, failing it, resending it. */

export type { RefundOutcome } from '../domain/refund-completion';

/**
 * paid|partially_refunded → refunding, with the refund record and an audit entry. The staff
 * request's `requestId` is remembered on the payment (same transaction), so a repeated request
 * finds its refund instead of starting another: `replayed` and nothing written.
 */
export async function beginRefund(input: {
  paymentId: string;
  refundFen?: number;
  reason: string;
  operatorOpenid: string;
  requestId: string;
  storeIds?: string[];
  /** Pay Score refunded by staff on the merchant platform: recorded here, never sent */
  external?: boolean;
}): Promise<{ payment: PaymentRecord; refund: RefundRecord; replayed: boolean }> {
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment || (input.storeIds && !input.storeIds.includes(payment.storeId))) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    const knownRefundId = payment.refundRequests?.[input.requestId];
    const known = knownRefundId ? await txFindById<RefundRecord>(tx, Collections.refunds, knownRefundId) : null;
    if (known) {
      if (known.kind === 'abnormal' || (input.refundFen !== undefined && input.refundFen !== known.refundFen))
        throw new AppError(Errors.REFUND_REQUEST_REUSED, { details: { field: 'requestId', refundFen: known.refundFen } });
      return { payment, refund: known, replayed: true };
    }
    const plan = planRefund(payment, input.refundFen);
    if (!plan.ok) {
      if (plan.reason === 'refund_in_progress') throw new AppError(Errors.REFUND_IN_PROGRESS);
      if (plan.reason === 'too_many_refunds') throw new AppError(Errors.REFUND_LIMIT_REACHED);
      if (plan.reason === 'not_refundable_status') throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${payment.status}，不能退款` });
      throw new AppError(Errors.REFUND_AMOUNT_INVALID, {
        message: `退款金额无效，剩余可退 ${plan.remainingFen} 分`,
        details: { field: 'refundFen', remainingFen: plan.remainingFen },
      });
    }
    const to = step(payment.status, 'refund_requested');
    const now = new Date();
    // A WeChat refund is sent right after this commits.
    const refund = newRefundRecord(payment, plan, input, now, { sentNow: payment.method === 'wechat' });
    const changes = {
      status: to,
      refundingId: refund._id,
      statusBeforeRefund: payment.status,
      refundCount: plan.sequence,
      refundRequests: { ...payment.refundRequests, [input.requestId]: refund._id },
      updatedAt: now,
    };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      tx.collection(Collections.refunds).add({ data: refund }),
      appendEvent(
        tx,
        event(
          payment._id,
          'refund_requested',
          payment.status,
          to,
          'staff',
          {
            operatorOpenid: input.operatorOpenid,
            details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason, ...(input.external ? { external: true } : {}) },
          },
          refund._id,
        ),
      ),
      appendAudit(tx, {
        action: input.external ? 'payment.refund.external' : 'payment.refund',
        operatorOpenid: input.operatorOpenid,
        targetId: payment._id,
        details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason, requestId: input.requestId },
      }),
      paymentOwnsOrder(payment) ? orderWrite(markRefunding(tx, payment.orderId, now)) : undefined,
    ]);
    return { payment: { ...payment, ...changes }, refund, replayed: false };
  });
}

/**
 * refunding → refunded | partially_refunded: points reversed in proportion, tickets given back,
 * refund and order updated — one transaction, idempotent per refund id.
 *
 * `wechatConfirmed`: WeChat itself (queryRefund) reported the refund SUCCESS. Then even a refund
 * recorded here as failed is completed ("reopened"): the money has left, and leaving it failed
 * would let staff refund the same money again. The caller flags it for staff.
 */
export async function completeRefund(input: {
  refundId: string;
  reportedFen?: number;
  wxRefundId?: string;
  source: EventSource;
  wechatConfirmed?: boolean;
}): Promise<RefundOutcome> {
  return runInTransaction(async (tx): Promise<RefundOutcome> => {
    const refund = await txFindById<RefundRecord>(tx, Collections.refunds, input.refundId);
    if (!refund) return { kind: 'not_found' };
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment) return { kind: 'not_found' };
    const decision = decideRefundCompletion(refund, payment, input);
    if (decision.kind === 'done') return decision.outcome;
    if (decision.kind === 'abnormal') return completeAbnormalRefund(tx, refund, payment, input, decision.reopened);
    const { reopened, refundedFen } = decision;
    // Reopened: back into refunding first, so the same transitions apply as for any refund.
    const from = reopened ? step(payment.status, 'refund_requested') : payment.status;
    const to = step(from, 'refund_succeeded', { fullyRefunded: decision.fullyRefunded });
    // A duplicate payment earned nothing, so there is nothing to take back.
    const reversal = refundReversesPoints(payment)
      ? await reversePointsInTransaction(tx, {
          openid: payment.openid,
          sourceType: 'refund',
          sourceId: refund._id,
          earnedSourceId: payment._id,
          refundFen: refund.refundFen,
          paidFen: payment.payableFen,
          reason: ledgerReason(payment.orderId, '退款'),
          storeId: payment.storeId,
        })
      : undefined;
    const ticketsReturned = ticketsToReturn(payment, refundedFen);
    if (ticketsReturned > 0)
      await refundTicketsInTransaction(tx, {
        openid: payment.openid,
        sourceId: refund._id,
        tickets: ticketsReturned,
        reason: ledgerReason(payment.orderId, '退款退回礼票'),
        storeId: payment.storeId,
      });
    const now = new Date();
    const pointsReversed = -(reversal?.points ?? 0);
    const markOrder = to === 'refunded' ? markRefunded : markPartiallyRefunded;
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: { status: to, refundedFen, refundingId: null, ticketsRefunded: (payment.ticketsRefunded ?? 0) + ticketsReturned, updatedAt: now } }),
      tx
        .collection(Collections.refunds)
        .doc(refund._id)
        .update({
          data: {
            status: 'succeeded',
            completedAt: now,
            pointsReversed,
            ticketsReturned,
            paymentStatusAfter: to,
            ...(input.wxRefundId ? { wxRefundId: input.wxRefundId } : {}),
            ...(reopened ? { reopenedAt: now } : {}),
          },
        }),
      appendEvent(
        tx,
        event(
          payment._id,
          'refund_succeeded',
          payment.status,
          to,
          input.source,
          {
            details: {
              refundId: refund._id,
              refundFen: refund.refundFen,
              points: reversal?.points ?? 0,
              tickets: ticketsReturned,
              ...(reopened ? { reopened: true, failure: refund.failure ?? null } : {}),
            },
          },
          refund._id,
        ),
      ),
      paymentOwnsOrder(payment) ? orderWrite(markOrder(tx, payment.orderId, { refundedFen, reopened, at: now })) : undefined,
    ]);
    return { kind: 'refunded', status: to, refundedFen, pointsReversed, ticketsReturned, ...(reopened ? { reopened } : {}) };
  });
}

/**
 * refunding → back to where it was; the refund record keeps the failure. `refuse` is checked on
 * the refund as read inside the transaction (reconciliation: not right after a send).
 */
export async function failRefund(
  refundId: string,
  failure: string,
  source: EventSource,
  refuse?: (refund: RefundRecord) => boolean,
): Promise<PaymentStatus | null> {
  return runInTransaction(async (tx) => {
    const refund = await txFindById<RefundRecord>(tx, Collections.refunds, refundId);
    if (!refund || refund.status !== 'processing') return null;
    if (refuse?.(refund)) return null;
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment) return null;
    const now = new Date();
    // The refund record takes WeChat's failure even when its payment has moved on (not this refund's any more).
    const refundFailed = () =>
      tx
        .collection(Collections.refunds)
        .doc(refundId)
        .update({ data: { status: 'failed', failure, completedAt: now } });
    if (refund.kind === 'abnormal') return failAbnormalRefund(tx, refund, payment, { failure, source, at: now }, refundFailed);
    if (payment.refundingId !== refundId) {
      await refundFailed();
      return null;
    }
    const to = step(payment.status, 'refund_failed', { statusBeforeRefund: payment.statusBeforeRefund });
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: { status: to, refundingId: null, updatedAt: now } }),
      refundFailed(),
      appendEvent(tx, event(payment._id, 'refund_failed', payment.status, to, source, { details: { refundId, failure } }, refundId)),
      paymentOwnsOrder(payment) ? orderWrite(markRefundFailed(tx, payment.orderId, { refundedBefore: payment.refundedFen > 0, at: now })) : undefined,
    ]);
    return to;
  });
}

/**
 * Before a retried request sends the same out_refund_no again: notes the send — only while the
 * refund is still processing. A refund reconciliation failed meanwhile is not sent again (its
 * payment is free for another refund, so a second send could pay the money out twice).
 */
export async function markRefundResend(refundId: string): Promise<{ refund: RefundRecord | null; send: boolean }> {
  return runInTransaction(async (tx) => {
    const refund = await txFindById<RefundRecord>(tx, Collections.refunds, refundId);
    if (!refund || refund.status !== 'processing') return { refund, send: false };
    const lastSentAt = new Date();
    await tx.collection(Collections.refunds).doc(refundId).update({ data: { lastSentAt } });
    return { refund: { ...refund, lastSentAt }, send: true };
  });
}
