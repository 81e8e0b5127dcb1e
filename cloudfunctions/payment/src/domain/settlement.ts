import type { OrderRecord } from '../../../shared/orders/order-record';
import { checkPaidAmount } from './pay-notification';
import {
  AMOUNT_MISMATCH_REASON,
  DUPLICATE_PAYMENT_REASON,
  orderPaidByAnother,
  paidWhileReason,
  paymentOwnsOrder,
  type AbnormalMoney,
  type PaymentMethod,
  type PaymentRecord,
} from './payment-record';
import { isSettled } from './payment-state';

/**
 * What booking money WeChat (or the till) reports for a payment decides, before anything is
 * written: settle it, or record the money as abnormal for staff, or wait. Pure; the settle
 * transaction (repositories/settle-transactions.ts) writes what these functions decide.
 */

/** Money reported for a payment: WeChat's transaction and the amount it says it took. */
export interface MoneyReport {
  transactionId: string;
  reportedFen: number;
}

export type SettlementDecision =
  /** the same money again (a repeated notification): nothing changes */
  | { kind: 'already_settled' }
  /** money for a payment that had already ended; `abnormal` is null when this money is already recorded */
  | { kind: 'late_money'; abnormal: AbnormalMoney | null }
  /** Pay Score: the amount is fixed by the completion, which is not recorded yet */
  | { kind: 'not_ready' }
  /** the wrong amount: nothing is booked; `abnormal` is null when this money is already recorded */
  | { kind: 'amount_mismatch'; expectedFen: number; reportedFen: number; abnormal: AbnormalMoney | null }
  | { kind: 'settle' };

/** The payment's side of settling: whether this money can be booked on it. */
export function decideSettlement(
  payment: Pick<PaymentRecord, 'status' | 'transactionId' | 'abnormal' | 'method' | 'payScoreCompletedAt' | 'payableFen'>,
  report: MoneyReport,
  at: Date,
): SettlementDecision {
  const alreadyRecorded = payment.abnormal?.transactionId === report.transactionId;
  if (payment.status !== 'pending') {
    if (isSettled(payment.status) && payment.transactionId === report.transactionId) return { kind: 'already_settled' };
    // Money for a payment we closed or settled differently: nothing is booked, but it is recorded
    // so staff find it and give it back (refundAbnormal).
    return {
      kind: 'late_money',
      abnormal: alreadyRecorded ? null : { reason: paidWhileReason(payment.status), reportedFen: report.reportedFen, transactionId: report.transactionId, at },
    };
  }
  if (payment.method === 'payscore' && !payment.payScoreCompletedAt) return { kind: 'not_ready' };
  const check = checkPaidAmount(payment.payableFen, report.reportedFen);
  if (!check.ok) {
    return {
      kind: 'amount_mismatch',
      expectedFen: check.expectedFen,
      reportedFen: check.reportedFen,
      abnormal: alreadyRecorded ? null : { reason: AMOUNT_MISMATCH_REASON, reportedFen: report.reportedFen, transactionId: report.transactionId, at },
    };
  }
  return { kind: 'settle' };
}

export type OrderSettlement =
  /** pay the order with this payment (or there is no order to pay) */
  | { kind: 'pay_order' }
  /** another payment already paid the order: this money is booked apart (abnormal) for staff to refund */
  | { kind: 'duplicate'; paidBy: string; abnormal: AbnormalMoney }
  /** the same, where the caller asked to refuse instead (cash at the till: the clerk hands it back) */
  | { kind: 'refused'; paidBy: string };

/** The order's side of settling: a second payment's money must not pay the order (nor earn points) again. */
export function decideOrderSettlement(
  order: Pick<OrderRecord, 'paymentId' | 'status' | 'paidAt'> | null,
  paymentId: string,
  report: MoneyReport & { refuseIfOrderPaid?: boolean },
  at: Date,
): OrderSettlement {
  if (!order || !orderPaidByAnother(order, paymentId)) return { kind: 'pay_order' };
  const paidBy = order.paymentId ?? '';
  if (report.refuseIfOrderPaid) return { kind: 'refused', paidBy };
  return {
    kind: 'duplicate',
    paidBy,
    abnormal: { reason: DUPLICATE_PAYMENT_REASON, reportedFen: report.reportedFen, transactionId: report.transactionId, paidBy, at },
  };
}

/** Methods whose money earns points: real money, not gift tickets. */
const EARNS_POINTS: readonly PaymentMethod[] = ['wechat', 'payscore', 'cash'];

export function earnsPoints(payment: Pick<PaymentRecord, 'method'>): boolean {
  return EARNS_POINTS.includes(payment.method);
}

/** A refund takes points back only where the payment earned them (a duplicate payment earned none). */
export function refundReversesPoints(payment: Pick<PaymentRecord, 'method' | 'abnormal'>): boolean {
  return earnsPoints(payment) && paymentOwnsOrder(payment);
}
