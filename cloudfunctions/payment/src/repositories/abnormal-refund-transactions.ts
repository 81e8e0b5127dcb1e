import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { txFindById, type Transaction } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Errors } from '../errors';
import { abnormalAfterFailedRefund, abnormalAfterRefund, decideAbnormalRefundCompletion } from '../domain/abnormal-money';
import type { AbnormalMoney, PaymentRecord, RefundRecord } from '../domain/payment-record';
import type { PaymentStatus } from '../domain/payment-state';
import { newRefundRecord, type RefundOutcome } from '../domain/refund-completion';
import { planAbnormalRefund } from '../domain/refund-plan';
import { appendAudit, appendEvent, event, step, type EventSource } from './payment-tx';

/**
 * Abnormal refunds give back money WeChat collected that was never booked (PaymentRecord.abnormal).
 * They leave the payment's status, the points and the order alone.
 */

/**
 * Starts giving back unbooked money (see planAbnormalRefund): the refund record, the payment's
 * abnormal bookkeeping (and closing a pending payment), the event and the audit entry in one
 * transaction. Idempotent per staff `requestId`, like beginRefund, and counted in the same
 * refundCount (WeChat's 50 refunds per order).
 */
export async function beginAbnormalRefund(input: {
  paymentId: string;
  reason: string;
  operatorOpenid: string;
  requestId: string;
  /** Pay Score money given back by staff on the merchant platform: recorded, never sent */
  external?: boolean;
}): Promise<{ payment: PaymentRecord; refund: RefundRecord; replayed: boolean }> {
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    const knownRefundId = payment.refundRequests?.[input.requestId];
    const known = knownRefundId ? await txFindById<RefundRecord>(tx, Collections.refunds, knownRefundId) : null;
    if (known) {
      if (known.kind !== 'abnormal') throw new AppError(Errors.REFUND_REQUEST_REUSED, { details: { field: 'requestId', refundFen: known.refundFen } });
      return { payment, refund: known, replayed: true };
    }
    const plan = planAbnormalRefund(payment);
    if (!plan.ok) {
      if (plan.reason === 'refund_in_progress') throw new AppError(Errors.REFUND_IN_PROGRESS);
      if (plan.reason === 'too_many_refunds') throw new AppError(Errors.REFUND_LIMIT_REACHED);
      const messages: Record<typeof plan.reason, string> = {
        no_abnormal_money: '该支付单没有未入账的异常款项',
        not_refundable_status: `支付单状态为 ${payment.status}，异常款项请按普通退款处理`,
        already_refunded: '异常款项已全部退还',
      };
      throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: messages[plan.reason] });
    }
    const now = new Date();
    const refund = newRefundRecord(payment, plan, input, now, { sentNow: !input.external, kind: 'abnormal' });
    const to: PaymentStatus = plan.closesPayment ? step(payment.status, 'closed') : payment.status;
    const abnormal: AbnormalMoney = { ...payment.abnormal!, refundingId: refund._id };
    const changes = {
      abnormal,
      refundCount: plan.sequence,
      refundRequests: { ...payment.refundRequests, [input.requestId]: refund._id },
      ...(plan.closesPayment ? { status: to, closedReason: 'abnormal_refund' } : {}),
      updatedAt: now,
    };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      tx.collection(Collections.refunds).add({ data: refund }),
      plan.closesPayment
        ? appendEvent(
            tx,
            event(payment._id, 'closed', payment.status, to, 'staff', { operatorOpenid: input.operatorOpenid, details: { reason: 'abnormal_refund' } }),
          )
        : undefined,
      appendEvent(
        tx,
        event(
          payment._id,
          'abnormal_refund_requested',
          to,
          to,
          'staff',
          {
            operatorOpenid: input.operatorOpenid,
            details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason, abnormalReason: abnormal.reason },
          },
          refund._id,
        ),
      ),
      appendAudit(tx, {
        action: 'payment.refund.abnormal',
        operatorOpenid: input.operatorOpenid,
        targetId: payment._id,
        details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason, requestId: input.requestId, abnormalReason: abnormal.reason },
      }),
    ]);
    return { payment: { ...payment, ...changes }, refund, replayed: false };
  });
}

/** An abnormal refund is done (inside completeRefund's transaction): the unbooked money went back. */
export async function completeAbnormalRefund(
  tx: Transaction,
  refund: RefundRecord,
  payment: PaymentRecord,
  input: { wxRefundId?: string; source: EventSource },
  reopened: boolean,
): Promise<RefundOutcome> {
  const decision = decideAbnormalRefundCompletion(payment, refund._id, reopened);
  if (!decision.ok) return decision.outcome;
  const now = new Date();
  const abnormal = abnormalAfterRefund(decision.abnormal, refund.refundFen);
  await Promise.all([
    tx
      .collection(Collections.payments)
      .doc(payment._id)
      .update({ data: { abnormal, updatedAt: now } }),
    tx
      .collection(Collections.refunds)
      .doc(refund._id)
      .update({
        data: {
          status: 'succeeded',
          completedAt: now,
          pointsReversed: 0,
          ticketsReturned: 0,
          paymentStatusAfter: payment.status,
          ...(input.wxRefundId ? { wxRefundId: input.wxRefundId } : {}),
          ...(reopened ? { reopenedAt: now } : {}),
        },
      }),
    appendEvent(
      tx,
      event(
        payment._id,
        'abnormal_refund_succeeded',
        payment.status,
        payment.status,
        input.source,
        { details: { refundId: refund._id, refundFen: refund.refundFen, ...(reopened ? { reopened: true } : {}) } },
        refund._id,
      ),
    ),
  ]);
  return {
    kind: 'refunded',
    status: payment.status,
    refundedFen: payment.refundedFen,
    pointsReversed: 0,
    ticketsReturned: 0,
    ...(reopened ? { reopened } : {}),
  };
}

/**
 * An abnormal refund failed (inside failRefund's transaction): the abnormal money is free for
 * another try. `null` when it was not the one in progress (its record still takes the failure).
 */
export async function failAbnormalRefund(
  tx: Transaction,
  refund: RefundRecord,
  payment: PaymentRecord,
  failed: { failure: string; source: EventSource; at: Date },
  markRefundFailed: () => Promise<unknown>,
): Promise<PaymentStatus | null> {
  const abnormal = abnormalAfterFailedRefund(payment, refund._id);
  if (!abnormal) {
    await markRefundFailed();
    return null;
  }
  await Promise.all([
    tx
      .collection(Collections.payments)
      .doc(payment._id)
      .update({ data: { abnormal, updatedAt: failed.at } }),
    markRefundFailed(),
    appendEvent(
      tx,
      event(
        payment._id,
        'abnormal_refund_failed',
        payment.status,
        payment.status,
        failed.source,
        { details: { refundId: refund._id, failure: failed.failure } },
        refund._id,
      ),
    ),
  ]);
  return payment.status;
}
