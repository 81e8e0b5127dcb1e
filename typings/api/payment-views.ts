/**
 * The payment context's vocabulary: methods, statuses, and the views and replies its actions
 * answer with (amounts in integer fen). The contract (payment.ts) re-exports all of it; import
 * from there. Types holding an instant take an `Instant` parameter: `Date` in the function,
 * `IsoInstant` (the default) in the mini-program.
 */
import type { IsoInstant, Page } from './common';

export const PAYMENT_METHODS = ['wechat', 'payscore', 'tickets', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** The payment state machine's states (cloudfunctions/payment/src/domain/payment-state.ts moves between them). */
export const PAYMENT_STATUSES = ['pending', 'paid', 'closed', 'failed', 'refunding', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type RefundStatus = 'processing' | 'succeeded' | 'failed';
/** Who moved a payment (its event log, 状态记录): the diner, staff, WeChat's notifications, reconciliation, the system. */
export const PAYMENT_EVENT_SOURCES = ['diner', 'staff', 'wxpay_notify', 'payscore_notify', 'reconcile', 'system'] as const;
export type PaymentEventSource = (typeof PAYMENT_EVENT_SOURCES)[number];

/** Money WeChat collected that was not booked as paying the order (reason: amount_mismatch, order_already_paid, paid_while_…). */
export interface AbnormalMoneyView {
  reason: string;
  reportedFen: number;
  /** already given back */
  refundedFen: number;
  /** an abnormal refund is in progress */
  refunding: boolean;
}

/** A payment as the diner and staff see it (no internal fields). */
export interface PaymentView<Instant = IsoInstant> {
  paymentId: string;
  orderId: string;
  /** cabinet / table / pos */
  orderSource: string;
  storeId: string;
  method: PaymentMethod;
  /** order total before the member discount */
  amountFen: number;
  discountFen: number;
  /** amountFen − discountFen */
  payableFen: number;
  status: PaymentStatus;
  transactionId: string | null;
  paidAt: Instant | null;
  refundedFen: number;
  refundCount: number;
  ticketsSpent: number | null;
  pointsEarned: number | null;
  abnormal: AbnormalMoneyView | null;
  createdAt: Instant;
}

/** A refund as the diner sees it (`getPayment`). */
export interface RefundView<Instant = IsoInstant> {
  refundId: string;
  refundFen: number;
  status: RefundStatus;
  reason: string;
  createdAt: Instant;
  completedAt: Instant | null;
}

/** A refund as staff see it (`getPaymentDetail`): who refunded, and why WeChat refused. */
export interface StaffRefundView<Instant = IsoInstant> extends RefundView<Instant> {
  operatorOpenid: string;
  failure: string | null;
  /** 'abnormal' gives back unbooked money */
  kind: 'order' | 'abnormal';
  /** Pay Score refunded on the merchant platform, only recorded here */
  external: boolean;
  /** WeChat paid out a refund recorded as failed: completed late */
  reopened: boolean;
}

/** One entry of a payment's status history (staff). */
export interface PaymentEventView<Instant = IsoInstant> {
  /** a state-machine event (pay_succeeded …) or a recorded fact (created, amount_mismatch …) */
  type: string;
  from: PaymentStatus | null;
  to: PaymentStatus;
  source: PaymentEventSource;
  at: Instant;
  details: Record<string, unknown> | null;
}

// ------------------------------------------------------------ diner replies

/** The member discount on an amount. */
export interface PriceQuote {
  original: number;
  discount: number;
  final: number;
  /** multiplier, e.g. 0.95 */
  rate: number;
}

/** `quote` reply: the member price and what each method would cost (支付方式选择页). */
export interface PaymentQuote {
  orderId: string;
  orderStatus: string;
  payable: boolean;
  source: string;
  amountFen: number;
  quote: PriceQuote;
  level: { code: string; name: string };
  /** gift tickets: what paying with them would take */
  tickets: { balance: number; required: number; enough: boolean };
  methods: PaymentMethod[];
}

/**
 * The signed extraData of wx.openBusinessView (Pay Score 确认订单), passed on untouched.
 * A type alias, not an interface, so it still fits `Record<string, string>` (what wx takes).
 */
export type PayScoreExtraData = {
  mch_id: string;
  package: string;
  timestamp: string;
  nonce_str: string;
  sign_type: 'HMAC-SHA256';
  sign: string;
};

/** Pay Score: what wx.openBusinessView takes to let the diner confirm the service order (signed by the backend). */
export interface PayScoreBusinessView {
  businessType: 'wxpayScoreUse';
  extraData: PayScoreExtraData;
}

/** `createPayment` reply. */
export interface CreatedPayment<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  /** the object for wx.requestPayment (WeChat Pay) */
  wxPayment: Record<string, string> | null;
  payScorePackage: string | null;
  payScore: PayScoreBusinessView | null;
}

/** `payWithTickets` reply. */
export interface TicketsPayment<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  ticketsSpent: number;
  ticketsBalance: number;
  /** the payment had already been paid: nothing spent this time */
  alreadyPaid: boolean;
}

/** `getPayment` reply (支付结果页, 订单详情). */
export interface PaymentWithRefunds<Instant = IsoInstant> {
  /** null when the order has no payment yet */
  payment: PaymentView<Instant> | null;
  refunds: RefundView<Instant>[];
  /** only with `payment: null`: the order's status */
  orderStatus?: string;
}

// ------------------------------------------------------------ staff replies

/** `listPayments` reply, newest first. */
export type PaymentPage<Instant = IsoInstant> = Page<PaymentView<Instant>>;

/** `getPaymentDetail` reply. */
export interface PaymentDetail<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  refunds: StaffRefundView<Instant>[];
  events: PaymentEventView<Instant>[];
}

/** `confirmCash` reply. */
export interface CashConfirmation<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  /** points the diner earned */
  points: number;
}

/** A WeChat refund sent and not yet confirmed; it finishes on WeChat's notification. */
export interface RefundProcessing {
  refundId: string;
  refundFen: number;
  status: 'processing';
  /** true when this answers a repeat of an earlier request */
  replayed?: boolean;
}

export interface RefundSucceeded {
  refundId: string;
  refundFen: number;
  status: 'succeeded';
  /** the payment's status after the refund */
  paymentStatus: PaymentStatus;
  /** not for WeChat Pay */
  pointsReversed?: number;
  ticketsReturned?: number;
  replayed?: boolean;
}

/** `refundAbnormal` repeated after it had already succeeded: no payment status. */
export interface AbnormalRefundReplayed {
  refundId: string;
  refundFen: number;
  status: 'succeeded';
  replayed: true;
}

/** `refund` reply. */
export type RefundReply = RefundProcessing | RefundSucceeded;
/** `recordPayScoreRefund` reply: recorded refunds complete at once. */
export type RecordPayScoreRefundReply = RefundSucceeded;
/** `refundAbnormal` reply. */
export type RefundAbnormalReply = RefundProcessing | RefundSucceeded | AbnormalRefundReplayed;
/** What any of the three staff refund actions answers. */
export type RefundResult = RefundReply | RecordPayScoreRefundReply | RefundAbnormalReply;

/** `completePayScore` reply: the amounts WeChat was asked to charge. */
export interface PayScoreCompletion {
  paymentId: string;
  /** goods total before the member discount */
  totalFen: number;
  discountFen: number;
  /** what the diner is charged */
  payableFen: number;
  /** WeChat's service-order state after completing (DONE) */
  state: string;
}

/** `cancelPayScore` reply. */
export interface PayScoreCancellation {
  paymentId: string;
  /** NOT_EXIST: WeChat had no service order to cancel */
  state: 'REVOKED' | 'NOT_EXIST';
  /** the payment's status after closing */
  status: PaymentStatus | null;
}

/** `queryPayScore` reply: our payment beside WeChat's service order, as WeChat reports it. */
export interface PayScoreQuery<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  remote: { state: string; total_amount: number | null; collection: Record<string, unknown> | null };
}
