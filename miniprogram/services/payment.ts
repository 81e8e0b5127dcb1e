import type {
  CashConfirmation,
  CreatedPayment,
  CreatePaymentInput,
  GetPaymentInput,
  PaymentDetail,
  PaymentFilter,
  PaymentIdInput,
  PaymentMethod,
  PaymentPage,
  PaymentQuote,
  PaymentStatus,
  PaymentWithRefunds,
  PayScoreBusinessView,
  PayWithTicketsInput,
  QuoteInput,
  RecordPayScoreRefundReply,
  RefundAbnormalReply,
  RefundInput,
  RefundReply,
  RefundResult,
  RefundStatus,
  TicketsPayment,
} from '../../typings/api/payment';
import { config } from '../config/index';
import { ApiError, ClientErrorCodes, isApiError } from './errors';
import { callEmulatorSimulator, callFunction } from './transport';

/** Payments (function `payment`). Amounts are integer fen; instants arrive as ISO strings. Contracts: typings/api/payment. */
export type {
  AbnormalMoneyView,
  AbnormalRefundReplayed,
  CashConfirmation,
  CreatedPayment,
  CreatePaymentInput,
  GetPaymentInput,
  IsoInstant,
  PaymentDetail,
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

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = { processing: '退款处理中', succeeded: '退款成功', failed: '退款失败' };

export function quote(orderId: string): Promise<PaymentQuote> {
  const input: QuoteInput = { orderId };
  return callFunction<PaymentQuote>('payment', 'quote', { ...input });
}

export function createPayment(orderId: string, method: PaymentMethod): Promise<CreatedPayment> {
  const input: CreatePaymentInput = { orderId, method };
  return callFunction<CreatedPayment>('payment', 'createPayment', { ...input });
}

export function payWithTickets(paymentId: string): Promise<TicketsPayment> {
  const input: PayWithTicketsInput = { paymentId };
  return callFunction<TicketsPayment>('payment', 'payWithTickets', { ...input });
}

export function getPayment(query: GetPaymentInput): Promise<PaymentWithRefunds> {
  return callFunction<PaymentWithRefunds>('payment', 'getPayment', { ...query });
}

/**
 * Lets the diner pay a WeChat Pay order. Cloud mode: the real cashier (wx.requestPayment).
 * Local mode: the emulator's WeChat Pay simulator "pays" and sends the callback, as WeChat would.
 * Resolves when the diner finished; the result page then polls the payment's status.
 */
export function requestWxPayment(paymentId: string, wxPayment: Record<string, string>): Promise<void> {
  if (config.mode === 'local') return payInSimulator(paymentId);
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: wxPayment.timeStamp,
      nonceStr: wxPayment.nonceStr,
      package: wxPayment.package,
      signType: wxPayment.signType as 'MD5',
      paySign: wxPayment.paySign,
      success: () => resolve(),
      fail: (err) => {
        const cancelled = /cancel/i.test(err.errMsg ?? '');
        reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, cancelled ? '已取消支付' : '支付未完成', { errMsg: err.errMsg, cancelled }));
      },
    });
  });
}

function payInSimulator(paymentId: string): Promise<void> {
  return callEmulatorSimulator('/_emulator/wxpay/pay', { outTradeNo: paymentId }, '模拟支付失败');
}

/**
 * Lets the diner confirm a Pay Score (先享后付) service order. Cloud mode: the Pay Score
 * mini-program via wx.openBusinessView with the backend's signed extraData, passed on untouched.
 * Local mode: the emulator's Pay Score sandbox checks the same extraData (signature included)
 * and confirms, as the simulator pays for WeChat Pay. Resolves when the diner is back.
 */
export function confirmPayScore(view: PayScoreBusinessView): Promise<void> {
  if (config.mode === 'local') return callEmulatorSimulator('/_emulator/wxpay/payscore/confirm', { ...view.extraData }, '模拟确认支付分失败');
  // Not in the API typings yet (base library ≥ 2.6.0 has it).
  const open = (wx as unknown as { openBusinessView?: (options: OpenBusinessViewOptions) => void }).openBusinessView;
  if (!open) return Promise.reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '当前微信版本过低，请升级后使用支付分'));
  return new Promise((resolve, reject) => {
    open({
      businessType: view.businessType,
      extraData: view.extraData,
      success: () => resolve(),
      fail: (err) => {
        const cancelled = /cancel/i.test(err.errMsg ?? '');
        reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, cancelled ? '已取消支付分确认' : '未能打开微信支付分', { errMsg: err.errMsg, cancelled }));
      },
    });
  });
}

interface OpenBusinessViewOptions {
  businessType: string;
  extraData: Record<string, string>;
  success?: (res: { extraData?: Record<string, unknown> }) => void;
  fail?: (err: { errMsg?: string }) => void;
}

// ------------------------------------------------------------ staff

export function listPayments(filter: PaymentFilter): Promise<PaymentPage> {
  return callFunction<PaymentPage>('payment', 'listPayments', { ...filter });
}

export function getPaymentDetail(paymentId: string): Promise<PaymentDetail> {
  const input: PaymentIdInput = { paymentId };
  return callFunction<PaymentDetail>('payment', 'getPaymentDetail', { ...input });
}

export function confirmCash(paymentId: string): Promise<CashConfirmation> {
  const input: PaymentIdInput = { paymentId };
  return callFunction<CashConfirmation>('payment', 'confirmCash', { ...input });
}

/**
 * Idempotency keys of refunds asked for but not definitely answered, by intent (payment, amount,
 * reason). Retrying the same refund — after a timeout, or a second tap on the same form — sends
 * the same key, so the backend returns the first result instead of refunding again.
 */
const openRefundRequests = new Map<string, string>();

/** Omit refundFen for a full refund of what remains; pass requestId to manage the key yourself. */
export function refund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RefundReply> {
  return staffRefund<RefundReply>('refund', paymentId, reason, refundFen, requestId);
}

/** 「已在商户平台退款」: records a Pay Score refund staff made on the WeChat Pay merchant platform. */
export function recordPayScoreRefund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RecordPayScoreRefundReply> {
  return staffRefund<RecordPayScoreRefundReply>('recordPayScoreRefund', paymentId, reason, refundFen, requestId);
}

/** 「退还异常款项」: gives back the whole of the money WeChat collected that was never booked. */
export function refundAbnormal(paymentId: string, reason: string, requestId?: string): Promise<RefundAbnormalReply> {
  return staffRefund<RefundAbnormalReply>('refundAbnormal', paymentId, reason, undefined, requestId);
}

type RefundAction = 'refund' | 'recordPayScoreRefund' | 'refundAbnormal';

async function staffRefund<R extends RefundResult>(
  action: RefundAction,
  paymentId: string,
  reason: string,
  refundFen?: number,
  requestId?: string,
): Promise<R> {
  const intent = `${action}|${paymentId}|${refundFen ?? 'rest'}|${reason}`;
  const key = requestId ?? openRefundRequests.get(intent) ?? newRequestId('refund');
  openRefundRequests.set(intent, key);
  try {
    const input: RefundInput = { paymentId, reason, requestId: key, ...(refundFen ? { refundFen } : {}) };
    const result = await callFunction<R>('payment', action, { ...input });
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
