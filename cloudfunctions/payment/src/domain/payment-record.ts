import { PAYMENT_METHODS, type PaymentMethod, type PaymentView, type RefundView, type StaffRefundView } from '../../../../typings/api/payment';
import type { OrderRecord, OrderSource } from '../../../shared/orders/order-record';
import type { PaymentEventType, PaymentStatus } from './payment-state';

// The methods are part of the payment contract; defined there.
export { PAYMENT_METHODS, type PaymentMethod };
// The order is the order kernel's (shared/orders): its sources and payable statuses are defined there once.
export { ORDER_SOURCES, type OrderSource } from '../../../shared/orders/order-record';
export { isPayableOrder, PAYABLE_ORDER_STATUSES } from '../../../shared/orders/order-state';

/** `payments/{paymentId}`; paymentId doubles as WeChat's out_trade_no / Pay Score's out_order_no. */
export interface PaymentRecord {
  _id: string;
  orderId: string;
  orderSource: OrderSource;
  storeId: string;
  openid: string;
  method: PaymentMethod;
  /** order total before the member discount */
  amountFen: number;
  discountFen: number;
  /** what the diner pays: amountFen − discountFen */
  payableFen: number;
  levelCode: string;
  status: PaymentStatus;
  transactionId?: string;
  paidAt?: Date;
  refundedFen: number;
  refundCount: number;
  /** set while a refund is processing; one at a time */
  refundingId?: string;
  statusBeforeRefund?: PaymentStatus;
  /** tickets: how many were spent / given back */
  ticketsSpent?: number;
  ticketsRefunded?: number;
  pointsEarned?: number;
  /** wx.requestPayment parameters from unifiedOrder, reused while the payment is pending */
  wxPayment?: Record<string, string>;
  /** Pay Score: the package for wx.openBusinessView */
  payScorePackage?: string;
  /** Pay Score: the risk amount (risk_fund) the service order was created with; completion may not exceed it */
  payScoreRiskFen?: number;
  /** Pay Score: set (with the final amounts) once WeChat accepted the completion; USER_PAID is checked against it */
  payScoreCompletedAt?: Date;
  /**
   * Money WeChat reports that we could not simply book: an amount mismatch (payment stays
   * pending, nothing credited), a second payment for an order another payment already paid
   * (`order_already_paid`: booked as paid so staff can refund it, no points, order untouched), or
   * money for a payment already closed/failed (`paid_while_closed` …). Money that was not booked
   * is given back with the staff action refundAbnormal (`refundedFen` / `refundingId` track it).
   */
  abnormal?: AbnormalMoney;
  /**
   * Set while a call creating this payment's WeChat order (unifiedOrder / Pay Score create) may
   * be in flight; cleared when its result is saved. See domain/gateway-call.ts.
   */
  gatewayPendingSince?: Date | null;
  /** staff refund requests seen (requestId → refundId): a repeated request finds its refund here */
  refundRequests?: Record<string, string>;
  closedReason?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface AbnormalMoney {
  reason: string;
  reportedFen: number;
  transactionId?: string;
  at: Date;
  paidBy?: string;
  /** unbooked money already given back (abnormal refunds) */
  refundedFen?: number;
  /** the abnormal refund in progress, one at a time */
  refundingId?: string | null;
}

export const AMOUNT_MISMATCH_REASON = 'amount_mismatch';

/** Money for a payment that had already ended: `paid_while_closed`, `paid_while_failed` … */
export function paidWhileReason(status: string): string {
  return `paid_while_${status}`;
}

/** Event types beside the state machine's transitions (they change no status, or record facts). */
export const PAYMENT_FACT_EVENTS = [
  'created',
  'amount_mismatch',
  'payscore_completed',
  /** money arrived for a payment that was no longer pending */
  'abnormal_payment',
  'abnormal_refund_requested',
  'abnormal_refund_succeeded',
  'abnormal_refund_failed',
] as const;

/** `payment_events/{paymentId}:{type}[:qualifier]`, one per transition. */
export interface PaymentEventRecord {
  _id: string;
  paymentId: string;
  type: PaymentEventType | (typeof PAYMENT_FACT_EVENTS)[number];
  from: PaymentStatus | null;
  to: PaymentStatus;
  source: 'diner' | 'staff' | 'wxpay_notify' | 'payscore_notify' | 'reconcile' | 'system';
  operatorOpenid?: string;
  details?: Record<string, unknown>;
  at: Date;
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
