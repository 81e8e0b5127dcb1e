/**
 * Contract of the `payment` context: each action's input schema, reply type and roles, and the
 * context's error band (40–59). The function implements it (cloudfunctions/payment/src/index.ts);
 * the mini-program calls it through `api.payment` (type-only, so no zod reaches the package).
 * Amounts are integer fen.
 *
 * Instants: the function builds its replies with `Date` objects, which the JSON reply carries as
 * ISO-8601 UTC strings. Every type holding an instant therefore takes an `Instant` parameter: the
 * contract declares the server form (`PaymentView<Date>`), the mini-program uses the default,
 * `IsoInstant` (what it actually receives).
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES } from './common';
import { action, defineContract, pingSpec, returns } from './contract';
import {
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  type CashConfirmation,
  type CreatedPayment,
  type PaymentDetail,
  type PaymentPage,
  type PaymentQuote,
  type PaymentWithRefunds,
  type PayScoreCancellation,
  type PayScoreCompletion,
  type PayScoreQuery,
  type RecordPayScoreRefundReply,
  type RefundAbnormalReply,
  type RefundReply,
  type TicketsPayment,
} from './payment-views';

// Existing importers take the instant type from here; it is defined once in common.ts.
export type { IsoInstant } from './common';
export * from './payment-views';

// ------------------------------------------------------------ inputs

/** Our payment ids (and so WeChat out_trade_no / Pay Score out_order_no values): `P` + Shanghai time to the second + 12 hex. */
export const PAYMENT_ID_PATTERN = /^P\d{14}[0-9a-f]{12}$/;

/**
 * The largest amount one payment, refund or Pay Score completion may carry: ¥100,000. Far above
 * any restaurant or cabinet bill, and far below where fen arithmetic stops being exact.
 */
export const MAX_PAYMENT_FEN = 10_000_000;

/** One line of goods: unit price and count, as staff enter them (completePayScore). */
export interface CompletionLine {
  amountFen: number;
  count?: number;
}

/** Σ unit price × count; not a safe integer when the inputs are absurd (the schema bounds them). */
export function completionTotalFen(lines: readonly CompletionLine[]): number {
  return lines.reduce((sum, line) => sum + line.amountFen * (line.count ?? 1), 0);
}

const paymentIdSchema = z.string().regex(PAYMENT_ID_PATTERN, '不是合法的支付单号');
const orderIdSchema = idSchema;
/** Chosen by the client once per user intent (a confirmed refund form) and reused on retry. */
const requestIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');
/** A positive amount in fen, bounded. */
const fenSchema = z.number().int().positive().max(MAX_PAYMENT_FEN);
/** Staff-entered reason, shown in audit logs and to the diner (refunds). */
const staffReasonSchema = z.string().trim().min(2).max(80);

const paymentIdInput = z.object({ paymentId: paymentIdSchema }).strict();

/** A staff refund request: whole payment unless `refundFen`; `requestId` is the idempotency key. */
const refundRequestSchema = z
  .object({
    paymentId: paymentIdSchema,
    refundFen: fenSchema.optional(),
    reason: staffReasonSchema,
    requestId: requestIdSchema,
  })
  .strict();

/** Goods lines staff enter: every number bounded, and their total too (no unsafe products). */
const postPaymentsSchema = z
  .array(
    z.object({
      name: z.string().min(1).max(20),
      amountFen: fenSchema,
      count: z.number().int().positive().max(999).optional(),
      description: z.string().max(30).optional(),
    }),
  )
  .min(1)
  .max(100)
  .superRefine((lines, ctx) => {
    const total = completionTotalFen(lines);
    if (!Number.isSafeInteger(total) || total > MAX_PAYMENT_FEN) ctx.addIssue({ code: 'custom', message: `合计金额不能超过 ${MAX_PAYMENT_FEN} 分` });
  });

// ------------------------------------------------------------ the contract

export const paymentContract = defineContract({
  name: 'payment',
  errors: { from: 40, to: 59 },
  actions: {
    ping: pingSpec,
    quote: action({
      summary: '会员价与各支付方式所需（支付方式选择页）',
      input: z.object({ orderId: orderIdSchema }).strict(),
      reply: returns<PaymentQuote>(),
    }),
    createPayment: action({
      summary: '发起支付：微信支付返回 wx.requestPayment 参数，支付分返回签名的 extraData',
      input: z.object({ orderId: orderIdSchema, method: z.enum(PAYMENT_METHODS) }).strict(),
      reply: returns<CreatedPayment<Date>>(),
    }),
    payWithTickets: action({
      summary: '用礼票支付',
      input: z.object({ paymentId: paymentIdSchema }).strict(),
      reply: returns<TicketsPayment<Date>>(),
    }),
    getPayment: action({
      summary: '顾客自己的支付单及退款（按 paymentId 或 orderId）',
      input: z
        .object({ paymentId: paymentIdSchema.optional(), orderId: orderIdSchema.optional() })
        .strict()
        .refine((v) => v.paymentId || v.orderId, { message: 'paymentId 或 orderId 必填一个', path: ['paymentId'] }),
      reply: returns<PaymentWithRefunds<Date>>(),
    }),
    listPayments: action({
      summary: '员工门店范围内的支付单，新的在前',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: idSchema.optional(),
          status: z.enum(PAYMENT_STATUSES).optional(),
          method: z.enum(PAYMENT_METHODS).optional(),
          orderId: orderIdSchema.optional(),
          abnormalOnly: z.boolean().optional(),
          ...pageInputShape,
        })
        .strict(),
      reply: returns<PaymentPage<Date>>(),
    }),
    getPaymentDetail: action({
      summary: '支付详情：退款（含操作人）与状态历史',
      roles: STAFF_ROLES,
      input: paymentIdInput,
      reply: returns<PaymentDetail<Date>>(),
    }),
    confirmCash: action({
      summary: '到店现金：店员确认收款（不能确认自己的支付）',
      roles: STAFF_ROLES,
      input: paymentIdInput,
      reply: returns<CashConfirmation<Date>>(),
    }),
    refund: action({
      summary: '全额或部分退款；requestId 为幂等键',
      roles: MANAGER_ROLES,
      input: refundRequestSchema,
      reply: returns<RefundReply>(),
    }),
    refundAbnormal: action({
      summary: '退还未入账的异常款项（全额）',
      roles: MANAGER_ROLES,
      input: z.object({ paymentId: paymentIdSchema, reason: staffReasonSchema, requestId: requestIdSchema }).strict(),
      reply: returns<RefundAbnormalReply>(),
    }),
    recordPayScoreRefund: action({
      summary: '登记已在商户平台完成的支付分退款',
      roles: MANAGER_ROLES,
      input: refundRequestSchema,
      reply: returns<RecordPayScoreRefundReply>(),
    }),
    completePayScore: action({
      summary: '完结支付分订单：按实际商品与会员折扣扣款',
      // Whoever completes decides what the diner is charged: managers and admins, audited.
      roles: MANAGER_ROLES,
      input: z.object({ paymentId: paymentIdSchema, postPayments: postPaymentsSchema }).strict(),
      reply: returns<PayScoreCompletion>(),
    }),
    cancelPayScore: action({
      summary: '取消不扣款的支付分订单',
      roles: MANAGER_ROLES,
      input: z.object({ paymentId: paymentIdSchema, reason: staffReasonSchema.max(50) }).strict(),
      reply: returns<PayScoreCancellation>(),
    }),
    queryPayScore: action({
      summary: '支付分订单在微信侧的状态',
      roles: STAFF_ROLES,
      input: paymentIdInput,
      reply: returns<PayScoreQuery<Date>>(),
    }),
  },
});
export type PaymentContract = typeof paymentContract;

type InputOf<K extends keyof PaymentContract['actions']> = z.input<PaymentContract['actions'][K]['input']>;
export type QuoteInput = InputOf<'quote'>;
export type CreatePaymentInput = InputOf<'createPayment'>;
export type PayWithTicketsInput = InputOf<'payWithTickets'>;
/** `getPayment`: one of the two. */
export type GetPaymentInput = InputOf<'getPayment'>;
/** `listPayments`; pageSize at most 100. */
export type PaymentFilter = InputOf<'listPayments'>;
/** `getPaymentDetail` and `confirmCash` */
export type PaymentIdInput = InputOf<'getPaymentDetail'>;
/** `refund` and `recordPayScoreRefund`: omit refundFen to refund all that remains; requestId is reused on retry. */
export type RefundInput = InputOf<'refund'>;
/** `refundAbnormal`: always the whole of the unbooked money. */
export type RefundAbnormalInput = InputOf<'refundAbnormal'>;
export type CompletePayScoreInput = InputOf<'completePayScore'>;
export type CancelPayScoreInput = InputOf<'cancelPayScore'>;
