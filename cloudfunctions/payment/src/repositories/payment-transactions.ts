import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { earnPointsInTransaction, refundTicketsInTransaction, reversePointsInTransaction, spendTicketsInTransaction } from '../../../shared/members/ledger';
import { getDatabase, type Transaction } from '../../../shared/repositories/database';
import { Errors } from '../errors';
import { checkPaidAmount } from '../domain/pay-notification';
import { eventIdFor, refundIdFor } from '../domain/payment-ids';
import type { PayableOrder, PaymentEventRecord, PaymentMethod, PaymentRecord, RefundRecord } from '../domain/payment-record';
import { IllegalTransitionError, isSettled, transition, type PaymentEventType, type PaymentStatus } from '../domain/payment-state';
import { planRefund } from '../domain/refund-plan';
import { txGet } from './documents';

/**
 * Every status change of a payment, as ONE transaction each: the payment, its event row, the
 * order and the member ledgers move together or not at all. Only single-document operations
 * (CloudBase transactions allow nothing else); ids are chosen so each document is addressable.
 */

type EventSource = PaymentEventRecord['source'];

/** Methods whose money earns points: real money, not gift tickets. */
const EARNS_POINTS: readonly PaymentMethod[] = ['wechat', 'payscore', 'cash'];

function step(from: PaymentStatus, event: PaymentEventType, context?: Parameters<typeof transition>[2]): PaymentStatus {
  try {
    return transition(from, event, context);
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${from}，不能执行 ${event}` });
    throw error;
  }
}

/** `add` with a fixed id: a second write of the same transition fails the transaction instead of duplicating. */
async function appendEvent(tx: Transaction, event: PaymentEventRecord): Promise<void> {
  await tx.collection(Collections.paymentEvents).add({ data: event });
}

async function appendAudit(
  tx: Transaction,
  entry: { action: string; operatorOpenid: string; targetId: string; details: Record<string, unknown> },
): Promise<void> {
  await tx.collection(Collections.auditLogs).add({ data: { ...entry, context: 'payment', targetType: 'payment', at: new Date() } });
}

function event(
  paymentId: string,
  type: PaymentEventRecord['type'],
  from: PaymentStatus | null,
  to: PaymentStatus,
  source: EventSource,
  extra: Partial<PaymentEventRecord> = {},
  qualifier?: string,
): PaymentEventRecord {
  return { _id: eventIdFor(paymentId, type, qualifier), paymentId, type, from, to, source, at: new Date(), ...extra };
}

// ------------------------------------------------------------------ paid

export interface SettleInput {
  paymentId: string;
  transactionId: string;
  reportedFen: number;
  paidAt: Date;
  source: EventSource;
  operatorOpenid?: string;
}

export type SettleOutcome =
  | { kind: 'settled'; payment: PaymentRecord; points: number; upgradedTo?: string }
  | { kind: 'already_settled'; payment: PaymentRecord }
  | { kind: 'amount_mismatch'; expectedFen: number; reportedFen: number }
  | { kind: 'not_found' }
  | { kind: 'not_pending'; status: PaymentStatus };

/**
 * pending → paid with the points credit and the order update. Idempotent: a repeated
 * notification finds the payment already paid and changes nothing. A wrong amount only flags
 * the payment abnormal (and credits nothing).
 */
export async function settlePayment(input: SettleInput): Promise<SettleOutcome> {
  return getDatabase().runTransaction(async (tx): Promise<SettleOutcome> => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) return { kind: 'not_found' };
    if (payment.status !== 'pending') {
      if (isSettled(payment.status) && payment.transactionId === input.transactionId) return { kind: 'already_settled', payment };
      // Money arrived for a payment we closed or settled differently: staff must look at it.
      if (payment.abnormal?.transactionId !== input.transactionId) {
        await tx
          .collection(Collections.payments)
          .doc(payment._id)
          .update({
            data: {
              abnormal: { reason: `paid_while_${payment.status}`, reportedFen: input.reportedFen, transactionId: input.transactionId, at: new Date() },
              updatedAt: new Date(),
            },
          });
      }
      return { kind: 'not_pending', status: payment.status };
    }
    const check = checkPaidAmount(payment.payableFen, input.reportedFen);
    if (!check.ok) {
      if (payment.abnormal?.transactionId !== input.transactionId) {
        await tx
          .collection(Collections.payments)
          .doc(payment._id)
          .update({
            data: {
              abnormal: { reason: 'amount_mismatch', reportedFen: input.reportedFen, transactionId: input.transactionId, at: new Date() },
              updatedAt: new Date(),
            },
          });
        await appendEvent(
          tx,
          event(
            payment._id,
            'amount_mismatch',
            'pending',
            'pending',
            input.source,
            { details: { expectedFen: check.expectedFen, reportedFen: check.reportedFen, transactionId: input.transactionId } },
            input.transactionId,
          ),
        );
      }
      return { kind: 'amount_mismatch', expectedFen: check.expectedFen, reportedFen: check.reportedFen };
    }

    const to = step(payment.status, 'pay_succeeded');
    // The order read and the ledger's reads go out together: one round trip of latency, not two.
    const [order, earned] = await Promise.all([
      txGet<PayableOrder>(tx, Collections.orders, payment.orderId),
      EARNS_POINTS.includes(payment.method)
        ? earnPointsInTransaction(tx, {
            openid: payment.openid,
            sourceType: 'payment',
            sourceId: payment._id,
            paidFen: payment.payableFen,
            reason: `订单 ${payment.orderId} 支付`,
          })
        : undefined,
    ]);
    const now = new Date();
    const changes = { status: to, transactionId: input.transactionId, paidAt: input.paidAt, pointsEarned: earned?.points ?? 0, updatedAt: now };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      appendEvent(
        tx,
        event(payment._id, 'pay_succeeded', payment.status, to, input.source, {
          details: { transactionId: input.transactionId, points: earned?.points ?? 0 },
          ...(input.operatorOpenid ? { operatorOpenid: input.operatorOpenid } : {}),
        }),
      ),
      order
        ? tx
            .collection(Collections.orders)
            .doc(order._id)
            .update({
              data: {
                status: 'paid',
                paymentId: payment._id,
                paymentMethod: payment.method,
                paidFen: payment.payableFen,
                paidAt: input.paidAt,
                updatedAt: now,
              },
            })
        : undefined,
      input.operatorOpenid
        ? appendAudit(tx, {
            action: 'payment.cash.confirm',
            operatorOpenid: input.operatorOpenid,
            targetId: payment._id,
            details: { payableFen: payment.payableFen },
          })
        : undefined,
    ]);
    return {
      kind: 'settled',
      payment: { ...payment, ...changes },
      points: earned?.points ?? 0,
      ...(earned?.upgradedTo ? { upgradedTo: earned.upgradedTo } : {}),
    };
  });
}

/**
 * Gift-ticket payment (seed 004 五.5.2): the tickets are deducted and the payment and order marked
 * paid in one transaction; if any write fails, nothing — not even the deduction — remains.
 */
export async function payWithTickets(
  paymentId: string,
  openid: string,
): Promise<{ payment: PaymentRecord; tickets: number; balanceAfter: number; already: boolean }> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.openid !== openid) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    if (payment.method !== 'tickets') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '该支付单不是礼票支付' });
    if (payment.status === 'paid') return { payment, tickets: payment.ticketsSpent ?? 0, balanceAfter: -1, already: true };
    const to = step(payment.status, 'pay_succeeded');
    const order = await txGet<PayableOrder>(tx, Collections.orders, payment.orderId);
    const spent = await spendTicketsInTransaction(tx, {
      openid,
      sourceId: payment._id,
      amountFen: payment.payableFen,
      reason: `订单 ${payment.orderId} 礼票支付`,
    });
    const now = new Date();
    const changes = {
      status: to,
      transactionId: `TICKETS-${payment._id}`,
      paidAt: now,
      ticketsSpent: spent.tickets,
      ticketsRefunded: 0,
      pointsEarned: 0,
      updatedAt: now,
    };
    await tx.collection(Collections.payments).doc(payment._id).update({ data: changes });
    await appendEvent(tx, event(payment._id, 'pay_succeeded', payment.status, to, 'diner', { details: { tickets: spent.tickets } }));
    if (order)
      await tx
        .collection(Collections.orders)
        .doc(order._id)
        .update({ data: { status: 'paid', paymentId: payment._id, paymentMethod: 'tickets', paidFen: payment.payableFen, paidAt: now, updatedAt: now } });
    return { payment: { ...payment, ...changes }, tickets: spent.tickets, balanceAfter: spent.balanceAfter, already: false };
  });
}

/** pending → closed (expired or cancelled); a payment that moved on meanwhile is left alone. */
export function closePayment(paymentId: string, reason: string, source: EventSource): Promise<PaymentStatus | null> {
  return endPendingPayment(paymentId, 'closed', reason, source);
}

/** pending → failed (WeChat reports PAYERROR); a payment that moved on meanwhile is left alone. */
export function failPayment(paymentId: string, reason: string, source: EventSource): Promise<PaymentStatus | null> {
  return endPendingPayment(paymentId, 'pay_failed', reason, source);
}

async function endPendingPayment(paymentId: string, transition: 'closed' | 'pay_failed', reason: string, source: EventSource): Promise<PaymentStatus | null> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.status !== 'pending') return payment?.status ?? null;
    const to = step(payment.status, transition);
    await tx
      .collection(Collections.payments)
      .doc(paymentId)
      .update({ data: { status: to, closedReason: reason, updatedAt: new Date() } });
    await appendEvent(tx, event(paymentId, transition, payment.status, to, source, { details: { reason } }));
    return to;
  });
}

// ------------------------------------------------------------------ refunds

/** paid|partially_refunded → refunding, with the refund record and an audit entry. */
export async function beginRefund(input: {
  paymentId: string;
  refundFen?: number;
  reason: string;
  operatorOpenid: string;
  storeIds?: string[];
}): Promise<{ payment: PaymentRecord; refund: RefundRecord }> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment || (input.storeIds && !input.storeIds.includes(payment.storeId))) throw new AppError(Errors.PAYMENT_NOT_FOUND);
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
    const refund: RefundRecord = {
      _id: refundIdFor(payment._id, plan.sequence),
      paymentId: payment._id,
      orderId: payment.orderId,
      openid: payment.openid,
      method: payment.method,
      sequence: plan.sequence,
      refundFen: plan.refundFen,
      reason: input.reason,
      status: 'processing',
      operatorOpenid: input.operatorOpenid,
      createdAt: now,
    };
    const changes = { status: to, refundingId: refund._id, statusBeforeRefund: payment.status, refundCount: plan.sequence, updatedAt: now };
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
          { operatorOpenid: input.operatorOpenid, details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason } },
          refund._id,
        ),
      ),
      appendAudit(tx, {
        action: 'payment.refund',
        operatorOpenid: input.operatorOpenid,
        targetId: payment._id,
        details: { refundId: refund._id, refundFen: refund.refundFen, reason: input.reason },
      }),
      tx
        .collection(Collections.orders)
        .doc(payment.orderId)
        .update({ data: { refundStatus: 'refunding', updatedAt: now } }),
    ]);
    return { payment: { ...payment, ...changes }, refund };
  });
}

export type RefundOutcome =
  | { kind: 'refunded'; status: PaymentStatus; refundedFen: number; pointsReversed: number; ticketsReturned: number }
  | { kind: 'already'; status: PaymentStatus }
  | { kind: 'not_found' }
  | { kind: 'mismatch'; reason: string };

/**
 * refunding → refunded | partially_refunded: points reversed in proportion, tickets given back,
 * refund and order updated — one transaction, idempotent per refund id.
 */
export async function completeRefund(input: { refundId: string; reportedFen?: number; wxRefundId?: string; source: EventSource }): Promise<RefundOutcome> {
  return getDatabase().runTransaction(async (tx): Promise<RefundOutcome> => {
    const refund = await txGet<RefundRecord>(tx, Collections.refunds, input.refundId);
    if (!refund) return { kind: 'not_found' };
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment) return { kind: 'not_found' };
    if (refund.status === 'succeeded') return { kind: 'already', status: payment.status };
    if (refund.status !== 'processing' || payment.status !== 'refunding' || payment.refundingId !== refund._id)
      return { kind: 'mismatch', reason: `refund ${refund.status}, payment ${payment.status}` };
    if (input.reportedFen !== undefined && input.reportedFen !== refund.refundFen) return { kind: 'mismatch', reason: 'refund_amount_mismatch' };

    const refundedFen = payment.refundedFen + refund.refundFen;
    const to = step(payment.status, 'refund_succeeded', { fullyRefunded: refundedFen >= payment.payableFen });
    const reversal = EARNS_POINTS.includes(payment.method)
      ? await reversePointsInTransaction(tx, {
          openid: payment.openid,
          sourceType: 'refund',
          sourceId: refund._id,
          earnedSourceId: payment._id,
          refundFen: refund.refundFen,
          paidFen: payment.payableFen,
          reason: `订单 ${payment.orderId} 退款`,
        })
      : undefined;
    let ticketsReturned = 0;
    if (payment.method === 'tickets' && payment.ticketsSpent) {
      // Proportional and cumulative, so several partial refunds never return more than was spent.
      const target = Math.floor((payment.ticketsSpent * refundedFen) / payment.payableFen);
      ticketsReturned = Math.max(0, target - (payment.ticketsRefunded ?? 0));
      if (ticketsReturned > 0)
        await refundTicketsInTransaction(tx, {
          openid: payment.openid,
          sourceId: refund._id,
          tickets: ticketsReturned,
          reason: `订单 ${payment.orderId} 退款退回礼票`,
        });
    }
    const now = new Date();
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: { status: to, refundedFen, refundingId: null, ticketsRefunded: (payment.ticketsRefunded ?? 0) + ticketsReturned, updatedAt: now } }),
      tx
        .collection(Collections.refunds)
        .doc(refund._id)
        .update({ data: { status: 'succeeded', completedAt: now, ...(input.wxRefundId ? { wxRefundId: input.wxRefundId } : {}) } }),
      appendEvent(
        tx,
        event(
          payment._id,
          'refund_succeeded',
          payment.status,
          to,
          input.source,
          { details: { refundId: refund._id, refundFen: refund.refundFen, points: reversal?.points ?? 0, tickets: ticketsReturned } },
          refund._id,
        ),
      ),
      tx
        .collection(Collections.orders)
        .doc(payment.orderId)
        .update({ data: { refundStatus: to, refundedFen, updatedAt: now } }),
    ]);
    return { kind: 'refunded', status: to, refundedFen, pointsReversed: -(reversal?.points ?? 0), ticketsReturned };
  });
}

/** refunding → back to where it was; the refund record keeps the failure. */
export async function failRefund(refundId: string, failure: string, source: EventSource): Promise<PaymentStatus | null> {
  return getDatabase().runTransaction(async (tx) => {
    const refund = await txGet<RefundRecord>(tx, Collections.refunds, refundId);
    if (!refund || refund.status !== 'processing') return null;
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment || payment.refundingId !== refundId) return null;
    const to = step(payment.status, 'refund_failed', { statusBeforeRefund: payment.statusBeforeRefund });
    const now = new Date();
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: { status: to, refundingId: null, updatedAt: now } }),
      tx
        .collection(Collections.refunds)
        .doc(refundId)
        .update({ data: { status: 'failed', failure, completedAt: now } }),
      appendEvent(tx, event(payment._id, 'refund_failed', payment.status, to, source, { details: { refundId, failure } }, refundId)),
      tx
        .collection(Collections.orders)
        .doc(payment.orderId)
        .update({ data: { refundStatus: payment.refundedFen > 0 ? 'partially_refunded' : null, updatedAt: now } }),
    ]);
    return to;
  });
}
