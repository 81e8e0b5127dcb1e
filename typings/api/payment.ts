/**
 * Contracts of the payment function's actions the mini-program calls. Type-only: imported with
 * `import type` by miniprogram/services/payment.ts and cloudfunctions/payment. Amounts are integer fen.
 *
 * Instants: the function builds its replies with `Date` objects, which the JSON reply carries as
 * ISO-8601 UTC strings. Every type holding an instant therefore takes an `Instant` parameter: the
 * function annotates with `<Date>` (e.g. `PaymentView<Date>`), the mini-program uses the default,
 * `IsoInstant` (what it actually receives).
 */

/** ISO-8601 instant (UTC), e.g. `2024-05-01T04:00:00.000Z`: a `Date` after JSON. */
export type IsoInstant = string;

export type PaymentMethod = 'wechat' | 'payscore' | 'tickets' | 'cash';
export type PaymentStatus = 'pending' | 'paid' | 'closed' | 'failed' | 'refunding' | 'refunded' | 'partially_refunded';
export type RefundStatus = 'processing' | 'succeeded' | 'failed';

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
  /** diner / staff / wxpay_notify / payscore_notify / reconcile / system */
  source: string;
  at: Instant;
  details: Record<string, unknown> | null;
}

// ------------------------------------------------------------ diner actions

/** `quote` */
export interface QuoteInput {
  orderId: string;
}

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

/** `createPayment` */
export interface CreatePaymentInput {
  orderId: string;
  method: PaymentMethod;
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

/** `payWithTickets` */
export interface PayWithTicketsInput {
  paymentId: string;
}

/** `payWithTickets` reply. */
export interface TicketsPayment<Instant = IsoInstant> {
  payment: PaymentView<Instant>;
  ticketsSpent: number;
  ticketsBalance: number;
  /** the payment had already been paid: nothing spent this time */
  alreadyPaid: boolean;
}

/** `getPayment`: one of the two. */
export interface GetPaymentInput {
  paymentId?: string;
  orderId?: string;
}

/** `getPayment` reply (支付结果页, 订单详情). */
export interface PaymentWithRefunds<Instant = IsoInstant> {
  /** null when the order has no payment yet */
  payment: PaymentView<Instant> | null;
  refunds: RefundView<Instant>[];
  /** only with `payment: null`: the order's status */
  orderStatus?: string;
}

// ------------------------------------------------------------ staff actions

/** `listPayments` */
export interface PaymentFilter {
  storeId?: string;
  status?: PaymentStatus;
  method?: PaymentMethod;
  orderId?: string;
  abnormalOnly?: boolean;
  page?: number;
  /** at most 100 */
  pageSize?: number;
}

/** `listPayments` reply, newest first. */
export interface PaymentPage<Instant = IsoInstant> {
  items: PaymentView<Instant>[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** `getPaymentDetail` and `confirmCash` */
export interface PaymentIdInput {
  paymentId: string;
}

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

/** `refund` and `recordPayScoreRefund`: omit refundFen to refund all that remains. */
export interface RefundInput {
  paymentId: string;
  reason: string;
  /** idempotency key, 8–64 of [A-Za-z0-9_-], reused on retry */
  requestId: string;
  refundFen?: number;
}

/** `refundAbnormal`: always the whole of the unbooked money. */
export interface RefundAbnormalInput {
  paymentId: string;
  reason: string;
  requestId: string;
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
