import type {
  CashConfirmation,
  CreatedPayment,
  GetPaymentInput,
  PaymentDetail,
  PaymentEventSource,
  PaymentEventView,
  PaymentFilter,
  PaymentMethod,
  PaymentPage,
  PaymentQuote,
  PaymentStatus,
  PaymentWithRefunds,
  PayScoreBusinessView,
  PayScoreCancellation,
  PayScoreCompletion,
  RecordPayScoreRefundReply,
  RefundAbnormalReply,
  RefundReply,
  RefundResult,
  RefundStatus,
  TicketsPayment,
} from '../../typings/api/payment';
import { api } from './api';
import { isApiError } from './errors';
import { openPayScore, requestPayment } from './transport';

/** Payments (context `payment`, called through `api.payment`). Amounts are integer fen; instants arrive as ISO strings. Contract: typings/api/payment. */
export type {
  AbnormalMoneyView,
  AbnormalRefundReplayed,
  CashConfirmation,
  CreatedPayment,
  CreatePaymentInput,
  GetPaymentInput,
  IsoInstant,
  PaymentDetail,
  PaymentEventSource,
  PaymentEventView,
  PaymentFilter,
  PaymentIdInput,
  PaymentMethod,
  PaymentPage,
  PaymentQuote,
  PaymentStatus,
  PaymentView,
  PaymentWithRefunds,
  PayScoreBusinessView,
  PayScoreExtraData,
  PayWithTicketsInput,
  PriceQuote,
  QuoteInput,
  RecordPayScoreRefundReply,
  RefundAbnormalInput,
  RefundAbnormalReply,
  RefundInput,
  RefundProcessing,
  RefundReply,
  RefundResult,
  RefundStatus,
  RefundSucceeded,
  RefundView,
  StaffRefundView,
  TicketsPayment,
} from '../../typings/api/payment';

export const METHOD_LABELS: Record<PaymentMethod, string> = { wechat: '微信支付', payscore: '微信支付分', tickets: '礼票', cash: '到店现金' };
export const STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  failed: '支付失败',
  refunding: '退款中',
  refunded: '已退款',
  partially_refunded: '部分退款',
};
/** Why money is flagged abnormal, for staff. */
export const ABNORMAL_REASON_LABELS: Record<string, string> = {
  amount_mismatch: '实收金额与应付不符',
  order_already_paid: '重复支付（订单已由其他支付单支付）',
  paid_while_closed: '支付单关闭后收到付款',
  paid_while_failed: '支付单失败后收到付款',
};

export function abnormalReasonLabel(reason: string): string {
  return ABNORMAL_REASON_LABELS[reason] ?? (reason.startsWith('paid_while_') ? '支付单结束后收到付款' : '异常款项');
}

/** 状态记录: what happened (event type; unknown types show as 其他变更, never the raw code). */
export const EVENT_LABELS: Record<string, string> = {
  created: '创建支付单',
  pay_succeeded: '支付成功',
  pay_failed: '支付失败',
  closed: '已关闭',
  refund_requested: '发起退款',
  refund_succeeded: '退款成功',
  refund_failed: '退款失败',
  amount_mismatch: '金额不符（异常）',
  payscore_completed: '支付分完结',
  payscore_cancelled: '支付分已取消',
  abnormal_payment: '异常到账（未入账）',
  abnormal_refund_requested: '发起退还异常款项',
  abnormal_refund_succeeded: '异常款项已退还',
  abnormal_refund_failed: '退还异常款项失败',
};

/** 状态记录: who moved the payment. */
export const EVENT_SOURCE_LABELS: Record<PaymentEventSource, string> = {
  diner: '顾客',
  staff: '员工',
  wxpay_notify: '微信支付通知',
  payscore_notify: '支付分通知',
  reconcile: '对账',
  system: '系统',
};

export function eventTitle(event: PaymentEventView): string {
  const title = EVENT_LABELS[event.type] ?? '其他变更';
  return event.details?.reopened ? `${title}（此前记为失败，微信已退款）` : title;
}

export function eventSourceLabel(source: string): string {
  return EVENT_SOURCE_LABELS[source as PaymentEventSource] ?? '其他';
}

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = { processing: '退款处理中', succeeded: '退款成功', failed: '退款失败' };

export function quote(orderId: string): Promise<PaymentQuote> {
  return api.payment.quote({ orderId });
}

export function createPayment(orderId: string, method: PaymentMethod): Promise<CreatedPayment> {
  return api.payment.createPayment({ orderId, method });
}

export function payWithTickets(paymentId: string): Promise<TicketsPayment> {
  return api.payment.payWithTickets({ paymentId });
}

export function getPayment(query: GetPaymentInput): Promise<PaymentWithRefunds> {
  return api.payment.getPayment({ ...query });
}

/**
 * Lets the diner pay a WeChat Pay order (the cashier, or in local mode the emulator's simulator,
 * see services/transport.ts). Resolves when the diner finished; the result page then polls the
 * payment's status.
 */
export function requestWxPayment(paymentId: string, wxPayment: Record<string, string>): Promise<void> {
  return requestPayment(paymentId, wxPayment);
}

/**
 * Lets the diner confirm a Pay Score (先享后付) service order with the backend's signed extraData,
 * passed on untouched (the Pay Score mini-program, or in local mode the emulator's sandbox, which
 * checks the same signature). Resolves when the diner is back.
 */
export function confirmPayScore(view: PayScoreBusinessView): Promise<void> {
  return openPayScore(view);
}

// ------------------------------------------------------------ staff

export function listPayments(filter: PaymentFilter): Promise<PaymentPage> {
  return api.payment.listPayments({ ...filter });
}

export function getPaymentDetail(paymentId: string): Promise<PaymentDetail> {
  return api.payment.getPaymentDetail({ paymentId });
}

export function confirmCash(paymentId: string): Promise<CashConfirmation> {
  return api.payment.confirmCash({ paymentId });
}

/** One goods line staff enter when completing a Pay Score order (amount per unit, fen). */
export interface PayScoreLine {
  name: string;
  amountFen: number;
  count: number;
}

/** 完结支付分订单: charges the goods the diner actually took, with the member discount (managers). */
export function completePayScore(paymentId: string, lines: PayScoreLine[]): Promise<PayScoreCompletion> {
  return api.payment.completePayScore({ paymentId, postPayments: lines.map((l) => ({ name: l.name, amountFen: l.amountFen, count: l.count })) });
}

/** 取消支付分订单: the diner took nothing; nothing is charged (managers). */
export function cancelPayScore(paymentId: string, reason: string): Promise<PayScoreCancellation> {
  return api.payment.cancelPayScore({ paymentId, reason });
}

/**
 * Idempotency keys of refunds asked for but not definitely answered, by intent (payment, amount,
 * reason). Retrying the same refund — after a timeout, or a second tap on the same form — sends
 * the same key, so the backend returns the first result instead of refunding again.
 */
const openRefundRequests = new Map<string, string>();

/** Omit refundFen for a full refund of what remains; pass requestId to manage the key yourself. */
export function refund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RefundReply> {
  return withRefundKey(`order|${paymentId}|${refundFen ?? 'rest'}|${reason}`, requestId, (key) =>
    api.payment.refund({ paymentId, reason, requestId: key, ...(refundFen ? { refundFen } : {}) }),
  );
}

/** 「已在商户平台退款」: records a Pay Score refund staff made on the WeChat Pay merchant platform. */
export function recordPayScoreRefund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RecordPayScoreRefundReply> {
  return withRefundKey(`payscore|${paymentId}|${refundFen ?? 'rest'}|${reason}`, requestId, (key) =>
    api.payment.recordPayScoreRefund({ paymentId, reason, requestId: key, ...(refundFen ? { refundFen } : {}) }),
  );
}

/** 「退还异常款项」: gives back the whole of the money WeChat collected that was never booked. */
export function refundAbnormal(paymentId: string, reason: string, requestId?: string): Promise<RefundAbnormalReply> {
  return withRefundKey(`abnormal|${paymentId}|rest|${reason}`, requestId, (key) => api.payment.refundAbnormal({ paymentId, reason, requestId: key }));
}

/** Sends a staff refund under the intent's key: the one given, the one of an unanswered earlier try, or a new one. */
async function withRefundKey<R extends RefundResult>(intent: string, requestId: string | undefined, send: (key: string) => Promise<R>): Promise<R> {
  const key = requestId ?? openRefundRequests.get(intent) ?? newRequestId('refund');
  openRefundRequests.set(intent, key);
  try {
    const result = await send(key);
    openRefundRequests.delete(intent);
    return result;
  } catch (error) {
    // A definite answer ends the intent; a lost one (transport, timeout, internal error) keeps
    // the key, because the backend may have done the refund.
    if (!isApiError(error) || !mayHaveBeenApplied(error.code)) openRefundRequests.delete(intent);
    throw error;
  }
}

function mayHaveBeenApplied(code: number): boolean {
  return code < 0 || code === 50001;
}

/** One key per user intent; 8–64 of [A-Za-z0-9_-] as the backend requires. */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
