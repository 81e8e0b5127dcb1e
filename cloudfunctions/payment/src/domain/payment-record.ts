import { PAYMENT_METHODS, type PaymentMethod, type PaymentView, type RefundView, type StaffRefundView } from '../../../../typings/api/payment';
import type { OrderRecord } from '../../../shared/orders/order-record';
import type { PaymentRecord } from '../../../shared/payments/payment-record';
import type { PaymentStatus } from './payment-state';

// The methods are part of the payment contract; defined there.
export { PAYMENT_METHODS, type PaymentMethod };
// The order is the order kernel's (shared/orders): its sources and payable statuses are defined there once.
export { ORDER_SOURCES, type OrderSource } from '../../../shared/orders/order-record';
export { isPayableOrder, PAYABLE_ORDER_STATUSES } from '../../../shared/orders/order-state';

// The payments document types are shared (shared/payments): the Pay Score kernel writes them too.
export { PAYMENT_FACT_EVENTS, type AbnormalMoney, type PaymentEventRecord, type PaymentRecord } from '../../../shared/payments/payment-record';

export const AMOUNT_MISMATCH_REASON = 'amount_mismatch';

/** Money for a payment that had already ended: `paid_while_closed`, `paid_while_failed` … */
export function paidWhileReason(status: string): string {
  return `paid_while_${status}`;
}

export type RefundStatus = 'processing' | 'succeeded' | 'failed';

/** `refunds/{refundId}`; refundId is WeChat's out_refund_no. */
export interface RefundRecord {
  _id: string;
  paymentId: string;
  orderId: string;
  openid: string;
  method: PaymentMethod;
  sequence: number;
  refundFen: number;
  reason: string;
  status: RefundStatus;
  operatorOpenid: string;
  /** the staff request's idempotency key (client-generated, reused on retry) */
  requestId?: string;
  /**
   * `abnormal`: gives back money that was never booked (abnormal), leaving the payment's status,
   * points and order alone. Absent: an ordinary refund of a settled payment.
   */
  kind?: 'abnormal';
  /** Pay Score: refunded by staff on the merchant platform and only recorded here */
  external?: boolean;
  /**
   * When the refund request was last sent to WeChat (set BEFORE each send). "WeChat has no such
   * refund" right after a send may only mean it has not arrived yet; see mayFailUnknownRefund.
   */
  lastSentAt?: Date;
  /** WeChat reported success for a refund we had recorded as failed: completed late, flagged for staff */
  reopenedAt?: Date;
  wxRefundId?: string;
  failure?: string;
  /** what completing it gave back and left, so a repeated request can answer the same */
  pointsReversed?: number;
  ticketsReturned?: number;
  paymentStatusAfter?: PaymentStatus;
  createdAt: Date;
  completedAt?: Date;
}

/** An order as payments read it: the order kernel's one document type (only the kernel writes it). */
export type PayableOrder = OrderRecord;

export const DUPLICATE_PAYMENT_REASON = 'order_already_paid';

/**
 * The order was paid by a different payment. A second payment's money must then not pay it
 * again (nor earn points again): it is booked apart and refunded by staff.
 */
export function orderPaidByAnother(order: Pick<PayableOrder, 'paymentId' | 'status' | 'paidAt'>, paymentId: string): boolean {
  return order.paymentId !== paymentId && (order.status === 'paid' || order.paidAt != null);
}

/** Whether a payment's refunds move the order's refund status (a duplicate payment's do not). */
export function paymentOwnsOrder(payment: Pick<PaymentRecord, 'abnormal'>): boolean {
  return payment.abnormal?.reason !== DUPLICATE_PAYMENT_REASON;
}

/** A view safe to send to the diner or staff (no internal fields); instants go out as Date (ISO strings on the wire). */
export function paymentView(payment: PaymentRecord): PaymentView<Date> {
  return {
    paymentId: payment._id,
    orderId: payment.orderId,
    orderSource: payment.orderSource,
    storeId: payment.storeId,
    method: payment.method,
    amountFen: payment.amountFen,
    discountFen: payment.discountFen,
    payableFen: payment.payableFen,
    status: payment.status,
    transactionId: payment.transactionId ?? null,
    paidAt: payment.paidAt ?? null,
    refundedFen: payment.refundedFen,
    refundCount: payment.refundCount,
    ticketsSpent: payment.ticketsSpent ?? null,
    pointsEarned: payment.pointsEarned ?? null,
    abnormal: payment.abnormal
      ? {
          reason: payment.abnormal.reason,
          reportedFen: payment.abnormal.reportedFen,
          refundedFen: payment.abnormal.refundedFen ?? 0,
          refunding: !!payment.abnormal.refundingId,
        }
      : null,
    createdAt: payment.createdAt,
  };
}

/** A refund as the diner sees it; staff also see who refunded and why WeChat refused. */
export function refundView(refund: RefundRecord, audience: 'diner'): RefundView<Date>;
export function refundView(refund: RefundRecord, audience: 'staff'): StaffRefundView<Date>;
export function refundView(refund: RefundRecord, audience: 'diner' | 'staff'): RefundView<Date> | StaffRefundView<Date> {
  const view: RefundView<Date> = {
    refundId: refund._id,
    refundFen: refund.refundFen,
    status: refund.status,
    reason: refund.reason,
    createdAt: refund.createdAt,
    completedAt: refund.completedAt ?? null,
  };
  return audience === 'staff'
    ? ({
        ...view,
        operatorOpenid: refund.operatorOpenid,
        failure: refund.failure ?? null,
        kind: refund.kind ?? 'order',
        external: refund.external ?? false,
        reopened: !!refund.reopenedAt,
      } satisfies StaffRefundView<Date>)
    : view;
}
