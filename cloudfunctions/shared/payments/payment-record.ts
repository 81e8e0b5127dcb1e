import type { PaymentMethod, PaymentStatus } from '../../../typings/api/payment-views';
import type { OrderSource } from '../orders/order-record';

/**
 * The one `payments` / `payment_events` document types. The payment context owns both
 * collections; this module only describes them, so the Pay Score kernel (shared/payscore), which
 * opens smart-retail payments for the cabinet, writes exactly the documents the payment function
 * settles, refunds and reconciles.
 */

/** Status transitions of the payment state machine (payment/src/domain/payment-state.ts). */
export const PAYMENT_EVENTS = ['pay_succeeded', 'pay_failed', 'closed', 'refund_requested', 'refund_succeeded', 'refund_failed'] as const;
export type PaymentEventType = (typeof PAYMENT_EVENTS)[number];

/** `payments/{paymentId}`; paymentId doubles as WeChat's out_trade_no / Pay Score's out_order_no. */
export interface PaymentRecord {
  _id: string;
  /** the order it pays; '' for a Pay Score smart-retail payment until its completion names the order */
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
   * Pay Score smart retail (cabinet door sessions, shared/payscore): the service order was opened
   * before any order existed (`orderId` is '' until the completion names the cabinet order).
   * `no_confirm`: DOING at once; `confirm`: the diner confirmed it through wx.openBusinessView.
   */
  smartRetail?: { mode: 'no_confirm' | 'confirm'; sessionId: string; deviceCode: string; state: string };
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

/** One event document per transition; the id makes a replayed transition collide instead of duplicating. */
export function eventIdFor(paymentId: string, event: string, qualifier?: string): string {
  return qualifier ? `${paymentId}:${event}:${qualifier}` : `${paymentId}:${event}`;
}
