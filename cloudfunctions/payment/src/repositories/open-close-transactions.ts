import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { attachPayment, txFindOrder } from '../../../shared/orders/order-repository';
import { txFindById } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Errors } from '../errors';
import { gatewayMarkerCoversNewCall, needsGatewayOrder } from '../domain/gateway-call';
import { isPayableOrder, type PayableOrder, type PaymentMethod, type PaymentRecord } from '../domain/payment-record';
import type { PaymentStatus } from '../domain/payment-state';
import { appendAudit, appendEvent, event, orderWrite, step, type EventSource } from './payment-tx';

/** Opening and closing payments: claiming the order, saving the gateway order, closing or failing a pending payment. */

export type ClaimOutcome =
  | { kind: 'created'; payment: PaymentRecord }
  /** the order's pending payment of the same method (a double tap, or a concurrent call) */
  | { kind: 'reused'; payment: PaymentRecord }
  /** the order's pending payment of another method: the caller closes it, then claims again */
  | { kind: 'switch'; previous: PaymentRecord };

/** Concurrent claims of one order: the first commits, every retry (after a jittered wait) then only reads. */
const CLAIM_RETRY = { attempts: 8 };

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
  return runInTransaction(async (tx): Promise<ClaimOutcome> => {
    const order = await txFindOrder(tx, input.orderId);
    // Someone else's order looks like a missing one: no probing which order ids exist.
    if (!order || order.openid !== input.openid) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
    if (!isPayableOrder(order)) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: `订单当前状态为 ${order.status}，不可支付` });
    if (order.paymentId) {
      const previous = await txFindById<PaymentRecord>(tx, Collections.payments, order.paymentId);
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
      orderWrite(attachPayment(tx, order, { paymentId: payment._id, method: payment.method, at: payment.createdAt })),
    ]);
    return { kind: 'created', payment };
  }, CLAIM_RETRY);
}

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
  return runInTransaction(async (tx): Promise<ClosePendingOutcome<R>> => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
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
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.status !== 'pending') return { saved: false, status: payment?.status ?? null };
    await tx
      .collection(Collections.payments)
      .doc(paymentId)
      .update({ data: { ...fields, gatewayPendingSince: null, updatedAt: new Date() } });
    return { saved: true, status: payment.status };
  });
}
