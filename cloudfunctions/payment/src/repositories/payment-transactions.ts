import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { earnPointsInTransaction, refundTicketsInTransaction, reversePointsInTransaction, spendTicketsInTransaction } from '../../../shared/members/ledger';
import { getDatabase, type Transaction } from '../../../shared/repositories/database';
import { Errors } from '../errors';
import { checkPaidAmount } from '../domain/pay-notification';
import { eventIdFor, refundIdFor } from '../domain/payment-ids';
import { gatewayMarkerCoversNewCall, needsGatewayOrder } from '../domain/gateway-call';
import {
  AMOUNT_MISMATCH_REASON,
  DUPLICATE_PAYMENT_REASON,
  isPayableOrder,
  orderPaidByAnother,
  paidWhileReason,
  paymentOwnsOrder,
  type AbnormalMoney,
  type PayableOrder,
  type PaymentEventRecord,
  type PaymentMethod,
  type PaymentRecord,
  type RefundRecord,
} from '../domain/payment-record';
import { IllegalTransitionError, isSettled, transition, type PaymentEventType, type PaymentStatus } from '../domain/payment-state';
import { planAbnormalRefund, planRefund } from '../domain/refund-plan';
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
  /**
   * Cash at the till: if another payment already paid the order, refuse (the clerk hands the
   * cash back) instead of booking money that was never irrevocably taken.
   */
  refuseIfOrderPaid?: boolean;
}

export type SettleOutcome =
  | { kind: 'settled'; payment: PaymentRecord; points: number; upgradedTo?: string }
  | { kind: 'already_settled'; payment: PaymentRecord }
  | { kind: 'amount_mismatch'; expectedFen: number; reportedFen: number }
  /** money for an order another payment already paid: booked as paid + abnormal for staff to refund */
  | { kind: 'duplicate'; payment: PaymentRecord; paidBy: string }
  | { kind: 'order_already_paid'; paidBy: string }
  /** Pay Score: WeChat collected before we recorded the completion; ask again later */
  | { kind: 'not_ready' }
  | { kind: 'not_found' }
  | { kind: 'not_pending'; status: PaymentStatus };

/**
 * pending → paid with the points credit and the order update. Idempotent: a repeated
 * notification finds the payment already paid and changes nothing. A wrong amount only flags
 * the payment abnormal (and credits nothing). A second payment for an order that another
 * payment already paid is booked apart (abnormal, no points, order untouched) so staff refund it.
 */
export async function settlePayment(input: SettleInput): Promise<SettleOutcome> {
  return getDatabase().runTransaction(async (tx): Promise<SettleOutcome> => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) return { kind: 'not_found' };
    if (payment.status !== 'pending') {
      if (isSettled(payment.status) && payment.transactionId === input.transactionId) return { kind: 'already_settled', payment };
      // Money arrived for a payment we closed or settled differently: nothing is booked, but it
      // is recorded (payment + event) so staff find it and give it back (refundAbnormal).
      if (payment.abnormal?.transactionId !== input.transactionId) {
        const abnormal: AbnormalMoney = {
          reason: paidWhileReason(payment.status),
          reportedFen: input.reportedFen,
          transactionId: input.transactionId,
          at: new Date(),
        };
        await Promise.all([
          tx
            .collection(Collections.payments)
            .doc(payment._id)
            .update({ data: { abnormal, updatedAt: new Date() } }),
          appendEvent(
            tx,
            event(
              payment._id,
              'abnormal_payment',
              payment.status,
              payment.status,
              input.source,
              { details: { reason: abnormal.reason, reportedFen: input.reportedFen, transactionId: input.transactionId } },
              input.transactionId,
            ),
          ),
        ]);
      }
      return { kind: 'not_pending', status: payment.status };
    }
    // Pay Score's payable amount is fixed by the completion; until that is recorded nothing can be checked.
    if (payment.method === 'payscore' && !payment.payScoreCompletedAt) return { kind: 'not_ready' };
    const check = checkPaidAmount(payment.payableFen, input.reportedFen);
    if (!check.ok) {
      if (payment.abnormal?.transactionId !== input.transactionId) {
        await tx
          .collection(Collections.payments)
          .doc(payment._id)
          .update({
            data: {
              abnormal: { reason: AMOUNT_MISMATCH_REASON, reportedFen: input.reportedFen, transactionId: input.transactionId, at: new Date() },
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
    // The order is read before the ledger so a second payment of a paid order credits nothing.
    const order = await txGet<PayableOrder>(tx, Collections.orders, payment.orderId);
    if (order && orderPaidByAnother(order, payment._id)) {
      const paidBy = order.paymentId ?? '';
      if (input.refuseIfOrderPaid) return { kind: 'order_already_paid', paidBy };
      return settleDuplicate(tx, payment, to, input, paidBy);
    }
    const earned = EARNS_POINTS.includes(payment.method)
      ? await earnPointsInTransaction(tx, {
          openid: payment.openid,
          sourceType: 'payment',
          sourceId: payment._id,
          paidFen: payment.payableFen,
          reason: `订单 ${payment.orderId} 支付`,
        })
      : undefined;
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

/** The money is WeChat's fact, so the payment is paid; but the order and the member ledger stay as they are. */
async function settleDuplicate(tx: Transaction, payment: PaymentRecord, to: PaymentStatus, input: SettleInput, paidBy: string): Promise<SettleOutcome> {
  const now = new Date();
  const changes = {
    status: to,
    transactionId: input.transactionId,
    paidAt: input.paidAt,
    pointsEarned: 0,
    abnormal: { reason: DUPLICATE_PAYMENT_REASON, reportedFen: input.reportedFen, transactionId: input.transactionId, paidBy, at: now },
    updatedAt: now,
  };
  await Promise.all([
    tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
    appendEvent(
      tx,
      event(payment._id, 'pay_succeeded', payment.status, to, input.source, {
        details: { transactionId: input.transactionId, points: 0, duplicateOf: paidBy },
        ...(input.operatorOpenid ? { operatorOpenid: input.operatorOpenid } : {}),
      }),
    ),
  ]);
  return { kind: 'duplicate', payment: { ...payment, ...changes }, paidBy };
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
    if (order && orderPaidByAnother(order, payment._id)) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '该订单已由其他支付单支付' });
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

// ------------------------------------------------------------------ created

export type ClaimOutcome =
  | { kind: 'created'; payment: PaymentRecord }
  /** the order's pending payment of the same method (a double tap, or a concurrent call) */
  | { kind: 'reused'; payment: PaymentRecord }
  /** the order's pending payment of another method: the caller closes it, then claims again */
  | { kind: 'switch'; previous: PaymentRecord };

/**
 * Creating a payment claims its order, in ONE transaction on the order document: at most one
 * open payment per order. Concurrent calls conflict on the order; the retry finds the winner's
 * pending payment and reuses it, so one order never gets two WeChat orders from a race.
 */
export async function claimOrderForPayment(input: {
  orderId: string;
  openid: string;
  method: PaymentMethod;
  newPayment: (order: PayableOrder) => PaymentRecord;
}): Promise<ClaimOutcome> {
  return getDatabase().runTransaction(async (tx): Promise<ClaimOutcome> => {
    const order = await txGet<PayableOrder>(tx, Collections.orders, input.orderId);
    // Someone else's order looks like a missing one: no probing which order ids exist.
    if (!order || order.openid !== input.openid) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
    if (!isPayableOrder(order)) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: `订单当前状态为 ${order.status}，不可支付` });
    if (order.paymentId) {
      const previous = await txGet<PaymentRecord>(tx, Collections.payments, order.paymentId);
      if (previous?.status === 'pending') {
        // WeChat took money for it that we could not book: it is neither reusable nor to be
        // abandoned until staff have dealt with that money.
        if (previous.abnormal) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '该订单的付款存在异常，请联系店员处理' });
        if (previous.method !== input.method) return { kind: 'switch', previous };
        const now = new Date();
        // Its WeChat order is (re)created next: mark the call in flight, in the claim itself —
        // unless a concurrent copy's fresh marker already covers it (no needless write conflict).
        if (!needsGatewayOrder(previous) || gatewayMarkerCoversNewCall(previous, now)) return { kind: 'reused', payment: previous };
        const gatewayPendingSince = now;
        await tx
          .collection(Collections.payments)
          .doc(previous._id)
          .update({ data: { gatewayPendingSince, updatedAt: gatewayPendingSince } });
        return { kind: 'reused', payment: { ...previous, gatewayPendingSince } };
      }
    }
    const payment = input.newPayment(order);
    await Promise.all([
      tx.collection(Collections.payments).add({ data: payment }),
      appendEvent(
        tx,
        event(payment._id, 'created', null, 'pending', 'diner', { at: payment.createdAt, details: { method: payment.method, payableFen: payment.payableFen } }),
      ),
      tx
        .collection(Collections.orders)
        .doc(order._id)
        .update({ data: { paymentId: payment._id, paymentMethod: payment.method, updatedAt: payment.createdAt } }),
    ]);
    return { kind: 'created', payment };
  }, CLAIM_RETRIES);
}

/** Concurrent claims of one order: the first commits, every retry then only reads. */
const CLAIM_RETRIES = 5;

/** pending → closed (expired or cancelled); a payment that moved on meanwhile is left alone. */
export async function closePayment(paymentId: string, reason: string, source: EventSource): Promise<PaymentStatus | null> {
  return (await closePendingPayment({ paymentId, reason, source })).status;
}

/** pending → failed (WeChat reports PAYERROR); a payment that moved on meanwhile is left alone. */
export async function failPayment(paymentId: string, reason: string, source: EventSource): Promise<PaymentStatus | null> {
  return (await endPendingPayment({ paymentId, reason, source }, 'pay_failed')).status;
}

export interface ClosePendingInput<R extends string = string> {
  paymentId: string;
  reason: string;
  source: EventSource;
  /**
   * Checked on the payment as read INSIDE the transaction: a non-null answer leaves it open and
   * is returned as `refused` (e.g. a WeChat order being created right now, a completed Pay Score).
   */
  refuse?: (payment: PaymentRecord) => R | null;
  /** staff closing it: audited in the same transaction */
  audit?: { action: string; operatorOpenid: string; details?: Record<string, unknown> };
}

export type ClosePendingOutcome<R extends string = string> = { status: PaymentStatus | null; refused?: R };

/** pending → closed, unless `refuse` objects to the payment as it is now. */
export function closePendingPayment<R extends string>(input: ClosePendingInput<R>): Promise<ClosePendingOutcome<R>> {
  return endPendingPayment(input, 'closed');
}

async function endPendingPayment<R extends string>(input: ClosePendingInput<R>, transition: 'closed' | 'pay_failed'): Promise<ClosePendingOutcome<R>> {
  return getDatabase().runTransaction(async (tx): Promise<ClosePendingOutcome<R>> => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment || payment.status !== 'pending') return { status: payment?.status ?? null };
    const refused = input.refuse?.(payment);
    if (refused) return { status: payment.status, refused };
    const to = step(payment.status, transition);
    const now = new Date();
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(input.paymentId)
        .update({ data: { status: to, closedReason: input.reason, updatedAt: now } }),
      appendEvent(
        tx,
        event(input.paymentId, transition, payment.status, to, input.source, {
          details: { reason: input.reason },
          ...(input.audit ? { operatorOpenid: input.audit.operatorOpenid } : {}),
        }),
      ),
      input.audit
        ? appendAudit(tx, {
            action: input.audit.action,
            operatorOpenid: input.audit.operatorOpenid,
            targetId: input.paymentId,
            details: { reason: input.reason, ...input.audit.details },
          })
        : undefined,
    ]);
    return { status: to };
  });
}

/**
 * Saves what creating the WeChat order returned (wx.requestPayment parameters / Pay Score
 * package) — only if the payment is STILL pending, and clears the in-flight marker. `false`: the
 * payment was closed meanwhile (method switched, expired); the caller must close the WeChat
 * order it just created and must not hand its parameters to the diner.
 */
export async function saveGatewayOrder(
  paymentId: string,
  fields: Pick<PaymentRecord, 'wxPayment' | 'payScorePackage' | 'payScoreRiskFen'>,
): Promise<{ saved: boolean; status: PaymentStatus | null }> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.status !== 'pending') return { saved: false, status: payment?.status ?? null };
    await tx
      .collection(Collections.payments)
      .doc(paymentId)
      .update({ data: { ...fields, gatewayPendingSince: null, updatedAt: new Date() } });
    return { saved: true, status: payment.status };
  });
}

// ------------------------------------------------------------------ refunds

/**
 * paid|partially_refunded → refunding, with the refund record and an audit entry. The staff
 * request's `requestId` is remembered on the payment (same transaction), so a repeated request
 * finds its refund instead of starting another: `replayed` and nothing written.
 */
/** The refund record a staff request creates, still processing; `sentNow` when WeChat is asked right after the commit. */
function newRefund(
  payment: PaymentRecord,
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
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment || (input.storeIds && !input.storeIds.includes(payment.storeId))) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    const knownRefundId = payment.refundRequests?.[input.requestId];
    const known = knownRefundId ? await txGet<RefundRecord>(tx, Collections.refunds, knownRefundId) : null;
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
    const refund = newRefund(payment, plan, input, now, { sentNow: payment.method === 'wechat' });
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
      paymentOwnsOrder(payment)
        ? tx
            .collection(Collections.orders)
            .doc(payment.orderId)
            .update({ data: { refundStatus: 'refunding', updatedAt: now } })
        : undefined,
    ]);
    return { payment: { ...payment, ...changes }, refund, replayed: false };
  });
}

export type RefundOutcome =
  | { kind: 'refunded'; status: PaymentStatus; refundedFen: number; pointsReversed: number; ticketsReturned: number; reopened?: boolean }
  | { kind: 'already'; status: PaymentStatus }
  /** WeChat finished a refund we had recorded as failed while another refund is in progress: ask again later */
  | { kind: 'busy' }
  | { kind: 'not_found' }
  | { kind: 'mismatch'; reason: string };

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
  return getDatabase().runTransaction(async (tx): Promise<RefundOutcome> => {
    const refund = await txGet<RefundRecord>(tx, Collections.refunds, input.refundId);
    if (!refund) return { kind: 'not_found' };
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment) return { kind: 'not_found' };
    if (refund.status === 'succeeded') return { kind: 'already', status: payment.status };
    if (input.reportedFen !== undefined && input.reportedFen !== refund.refundFen) return { kind: 'mismatch', reason: 'refund_amount_mismatch' };
    const reopened = refund.status === 'failed' && !!input.wechatConfirmed;
    if (refund.status !== 'processing' && !reopened) return { kind: 'mismatch', reason: `refund ${refund.status}, payment ${payment.status}` };
    if (refund.kind === 'abnormal') return completeAbnormalRefund(tx, refund, payment, input, reopened);

    let from = payment.status;
    if (reopened) {
      // Back into refunding first, so the same transitions apply as for any refund.
      if (payment.status === 'refunding') return { kind: 'busy' };
      if (payment.refundedFen + refund.refundFen > payment.payableFen) return { kind: 'mismatch', reason: 'reopened_refund_exceeds_payment' };
      from = step(payment.status, 'refund_requested');
    } else if (payment.status !== 'refunding' || payment.refundingId !== refund._id) {
      return { kind: 'mismatch', reason: `refund ${refund.status}, payment ${payment.status}` };
    }
    const refundedFen = payment.refundedFen + refund.refundFen;
    const to = step(from, 'refund_succeeded', { fullyRefunded: refundedFen >= payment.payableFen });
    // A duplicate payment earned nothing, so there is nothing to take back.
    const reversal =
      EARNS_POINTS.includes(payment.method) && paymentOwnsOrder(payment)
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
    const pointsReversed = -(reversal?.points ?? 0);
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
      paymentOwnsOrder(payment)
        ? tx
            .collection(Collections.orders)
            .doc(payment.orderId)
            .update({ data: { refundStatus: to, refundedFen, updatedAt: now } })
        : undefined,
    ]);
    return { kind: 'refunded', status: to, refundedFen, pointsReversed, ticketsReturned, ...(reopened ? { reopened } : {}) };
  });
}

/** An abnormal refund is done: the unbooked money went back; status, points and order stay as they are. */
async function completeAbnormalRefund(
  tx: Transaction,
  refund: RefundRecord,
  payment: PaymentRecord,
  input: { wxRefundId?: string; source: EventSource },
  reopened: boolean,
): Promise<RefundOutcome> {
  const refundingId = payment.abnormal?.refundingId ?? null;
  if (!payment.abnormal) return { kind: 'mismatch', reason: 'abnormal refund without abnormal money' };
  if (!reopened && refundingId !== refund._id) return { kind: 'mismatch', reason: 'abnormal refund not in progress' };
  // Reopened while another abnormal refund is in progress: finish that one first.
  if (reopened && refundingId !== null && refundingId !== refund._id) return { kind: 'busy' };
  const now = new Date();
  const abnormal: AbnormalMoney = { ...payment.abnormal, refundedFen: (payment.abnormal.refundedFen ?? 0) + refund.refundFen, refundingId: null };
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
 * refunding → back to where it was; the refund record keeps the failure. `refuse` is checked on
 * the refund as read inside the transaction (reconciliation: not right after a send).
 */
export async function failRefund(
  refundId: string,
  failure: string,
  source: EventSource,
  refuse?: (refund: RefundRecord) => boolean,
): Promise<PaymentStatus | null> {
  return getDatabase().runTransaction(async (tx) => {
    const refund = await txGet<RefundRecord>(tx, Collections.refunds, refundId);
    if (!refund || refund.status !== 'processing') return null;
    if (refuse?.(refund)) return null;
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, refund.paymentId);
    if (!payment) return null;
    const now = new Date();
    const refundFailed = tx
      .collection(Collections.refunds)
      .doc(refundId)
      .update({ data: { status: 'failed', failure, completedAt: now } });
    if (refund.kind === 'abnormal') {
      if (!payment.abnormal || payment.abnormal.refundingId !== refundId) return null;
      await Promise.all([
        tx
          .collection(Collections.payments)
          .doc(payment._id)
          .update({ data: { abnormal: { ...payment.abnormal, refundingId: null }, updatedAt: now } }),
        refundFailed,
        appendEvent(tx, event(payment._id, 'abnormal_refund_failed', payment.status, payment.status, source, { details: { refundId, failure } }, refundId)),
      ]);
      return payment.status;
    }
    if (payment.refundingId !== refundId) return null;
    const to = step(payment.status, 'refund_failed', { statusBeforeRefund: payment.statusBeforeRefund });
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: { status: to, refundingId: null, updatedAt: now } }),
      refundFailed,
      appendEvent(tx, event(payment._id, 'refund_failed', payment.status, to, source, { details: { refundId, failure } }, refundId)),
      paymentOwnsOrder(payment)
        ? tx
            .collection(Collections.orders)
            .doc(payment.orderId)
            .update({ data: { refundStatus: payment.refundedFen > 0 ? 'partially_refunded' : null, updatedAt: now } })
        : undefined,
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
  return getDatabase().runTransaction(async (tx) => {
    const refund = await txGet<RefundRecord>(tx, Collections.refunds, refundId);
    if (!refund || refund.status !== 'processing') return { refund, send: false };
    const lastSentAt = new Date();
    await tx.collection(Collections.refunds).doc(refundId).update({ data: { lastSentAt } });
    return { refund: { ...refund, lastSentAt }, send: true };
  });
}

/**
 * Gives back money WeChat collected that was never booked (see planAbnormalRefund): the refund
 * record, the payment's abnormal bookkeeping (and closing a pending payment), the event and the
 * audit entry in one transaction. Idempotent per staff `requestId`, like beginRefund, and
 * counted in the same refundCount (WeChat's 50 refunds per order).
 */
export async function beginAbnormalRefund(input: {
  paymentId: string;
  reason: string;
  operatorOpenid: string;
  requestId: string;
  /** Pay Score money given back by staff on the merchant platform: recorded, never sent */
  external?: boolean;
}): Promise<{ payment: PaymentRecord; refund: RefundRecord; replayed: boolean }> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    const knownRefundId = payment.refundRequests?.[input.requestId];
    const known = knownRefundId ? await txGet<RefundRecord>(tx, Collections.refunds, knownRefundId) : null;
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
    const refund = newRefund(payment, plan, input, now, { sentNow: !input.external, kind: 'abnormal' });
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

// ------------------------------------------------------------------ Pay Score completion

export interface PayScoreCompletion {
  paymentId: string;
  /** what the service was opened for (the order amount), for the audit entry */
  orderAmountFen: number;
  postPayments: { name: string; amountFen: number; count?: number }[];
  /** the charges before the member discount */
  amountFen: number;
  discountFen: number;
  /** what WeChat deducts (total_amount) and USER_PAID must report */
  payableFen: number;
  levelCode: string;
  operatorOpenid: string;
}

/**
 * Records a completion WeChat has ACCEPTED: the final amounts and the event, in one transaction.
 * Called only after the WeChat call, so a rejected completion leaves the payment as it was.
 * Recording the same completion again (a retried staff action) changes nothing.
 */
export async function recordPayScoreCompletion(input: PayScoreCompletion): Promise<{ payment: PaymentRecord; already: boolean }> {
  return getDatabase().runTransaction(async (tx) => {
    const payment = await txGet<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    if (payment.payScoreCompletedAt) {
      if (payment.payableFen === input.payableFen) return { payment, already: true };
      throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: '支付分订单已按其他金额完结' });
    }
    if (payment.status !== 'pending') throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${payment.status}，不能完结` });
    const now = new Date();
    const changes = {
      amountFen: input.amountFen,
      discountFen: input.discountFen,
      payableFen: input.payableFen,
      levelCode: input.levelCode,
      payScoreCompletedAt: now,
      updatedAt: now,
    };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      appendEvent(
        tx,
        event(payment._id, 'payscore_completed', payment.status, payment.status, 'staff', {
          operatorOpenid: input.operatorOpenid,
          details: { amountFen: input.amountFen, discountFen: input.discountFen, payableFen: input.payableFen },
        }),
      ),
      // Whoever ends the service decides what the diner is charged: audited like a refund.
      appendAudit(tx, {
        action: 'payment.payscore.complete',
        operatorOpenid: input.operatorOpenid,
        targetId: payment._id,
        details: {
          orderAmountFen: input.orderAmountFen,
          amountFen: input.amountFen,
          discountFen: input.discountFen,
          payableFen: input.payableFen,
          postPayments: input.postPayments,
        },
      }),
    ]);
    return { payment: { ...payment, ...changes }, already: false };
  });
}
