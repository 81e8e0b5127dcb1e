import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { earnPointsInTransaction, spendTicketsInTransaction } from '../../../shared/members/ledger';
import { markPaid, txFindOrder } from '../../../shared/orders/order-repository';
import { txFindById, type Transaction } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import { Errors } from '../errors';
import { ledgerReason } from '../domain/ledger-reason';
import { orderPaidByAnother, type AbnormalMoney, type PaymentRecord } from '../domain/payment-record';
import type { PaymentStatus } from '../domain/payment-state';
import { decideOrderSettlement, decideSettlement, earnsPoints } from '../domain/settlement';
import { appendAudit, appendEvent, event, orderWrite, step, type EventSource } from './payment-tx';

/** Settling: money received for a payment (WeChat notifications, reconciliation, cash at the till, gift tickets). */

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
  return runInTransaction(async (tx): Promise<SettleOutcome> => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) return { kind: 'not_found' };
    const decision = decideSettlement(payment, input, new Date());
    switch (decision.kind) {
      case 'already_settled':
        return { kind: 'already_settled', payment };
      case 'not_ready':
        return decision;
      case 'late_money':
        if (decision.abnormal) await recordLateMoney(tx, payment, decision.abnormal, input);
        return { kind: 'not_pending', status: payment.status };
      case 'amount_mismatch':
        if (decision.abnormal) await recordAmountMismatch(tx, payment, decision.abnormal, decision, input);
        return { kind: 'amount_mismatch', expectedFen: decision.expectedFen, reportedFen: decision.reportedFen };
    }

    const to = step(payment.status, 'pay_succeeded');
    // The order is read before the ledger so a second payment of a paid order credits nothing.
    const order = await txFindOrder(tx, payment.orderId);
    const onOrder = decideOrderSettlement(order, payment._id, input, new Date());
    if (onOrder.kind === 'refused') return { kind: 'order_already_paid', paidBy: onOrder.paidBy };
    if (onOrder.kind === 'duplicate') return settleDuplicate(tx, payment, to, input, onOrder.abnormal);
    const earned = earnsPoints(payment)
      ? await earnPointsInTransaction(tx, {
          openid: payment.openid,
          sourceType: 'payment',
          sourceId: payment._id,
          paidFen: payment.payableFen,
          reason: ledgerReason(payment.orderId, '支付'),
          storeId: payment.storeId,
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
        ? orderWrite(markPaid(tx, order, { paymentId: payment._id, method: payment.method, paidFen: payment.payableFen, paidAt: input.paidAt, at: now }))
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

/** Money arrived for a payment we closed or settled differently: recorded (payment + event), nothing booked. */
async function recordLateMoney(tx: Transaction, payment: PaymentRecord, abnormal: AbnormalMoney, input: SettleInput): Promise<void> {
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

/** The wrong amount: the payment stays pending and is flagged for staff. */
async function recordAmountMismatch(
  tx: Transaction,
  payment: PaymentRecord,
  abnormal: AbnormalMoney,
  check: { expectedFen: number; reportedFen: number },
  input: SettleInput,
): Promise<void> {
  await tx
    .collection(Collections.payments)
    .doc(payment._id)
    .update({ data: { abnormal, updatedAt: new Date() } });
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

/** The money is WeChat's fact, so the payment is paid; but the order and the member ledger stay as they are. */
async function settleDuplicate(
  tx: Transaction,
  payment: PaymentRecord,
  to: PaymentStatus,
  input: SettleInput,
  abnormal: AbnormalMoney,
): Promise<SettleOutcome> {
  const changes = { status: to, transactionId: input.transactionId, paidAt: input.paidAt, pointsEarned: 0, abnormal, updatedAt: abnormal.at };
  await Promise.all([
    tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
    appendEvent(
      tx,
      event(payment._id, 'pay_succeeded', payment.status, to, input.source, {
        details: { transactionId: input.transactionId, points: 0, duplicateOf: abnormal.paidBy },
        ...(input.operatorOpenid ? { operatorOpenid: input.operatorOpenid } : {}),
      }),
    ),
  ]);
  return { kind: 'duplicate', payment: { ...payment, ...changes }, paidBy: abnormal.paidBy ?? '' };
}

/**
 * Gift-ticket payment (seed 004 五.5.2): the tickets are deducted and the payment and order marked
 * paid in one transaction; if any write fails, nothing — not even the deduction — remains.
 */
export async function payWithTickets(
  paymentId: string,
  openid: string,
): Promise<{ payment: PaymentRecord; tickets: number; balanceAfter: number; already: boolean }> {
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.openid !== openid) throw new AppError(Errors.PAYMENT_NOT_FOUND);
    if (payment.method !== 'tickets') throw new AppError(Errors.METHOD_NOT_AVAILABLE, { message: '该支付单不是礼票支付' });
    if (payment.status === 'paid') return { payment, tickets: payment.ticketsSpent ?? 0, balanceAfter: -1, already: true };
    const to = step(payment.status, 'pay_succeeded');
    const order = await txFindOrder(tx, payment.orderId);
    if (order && orderPaidByAnother(order, payment._id)) throw new AppError(Errors.ORDER_NOT_PAYABLE, { message: '该订单已由其他支付单支付' });
    const spent = await spendTicketsInTransaction(tx, {
      openid,
      sourceId: payment._id,
      amountFen: payment.payableFen,
      reason: ledgerReason(payment.orderId, '礼票支付'),
      storeId: payment.storeId,
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
    if (order) await orderWrite(markPaid(tx, order, { paymentId: payment._id, method: 'tickets', paidFen: payment.payableFen, paidAt: now, at: now }));
    return { payment: { ...payment, ...changes }, tickets: spent.tickets, balanceAfter: spent.balanceAfter, already: false };
  });
}
