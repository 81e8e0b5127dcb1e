import { config } from '../config/index';
import { ApiError, ClientErrorCodes, isApiError } from './errors';
import { callEmulatorSimulator, callFunction } from './transport';

/** Payments (function `payment`). Amounts are integer fen. */
export type PaymentMethod = 'wechat' | 'payscore' | 'tickets' | 'cash';
export type PaymentStatus = 'pending' | 'paid' | 'closed' | 'failed' | 'refunding' | 'refunded' | 'partially_refunded';

export interface PaymentView {
  paymentId: string;
  orderId: string;
  orderSource: string;
  storeId: string;
  method: PaymentMethod;
  amountFen: number;
  discountFen: number;
  payableFen: number;
  status: PaymentStatus;
  transactionId: string | null;
  paidAt: string | null;
  refundedFen: number;
  refundCount: number;
  ticketsSpent: number | null;
  pointsEarned: number | null;
  /** money WeChat collected that was not booked as paying the order (see ABNORMAL_REASON_LABELS) */
  abnormal: { reason: string; reportedFen: number; refundedFen: number; refunding: boolean } | null;
  createdAt: string;
}

export interface RefundView {
  refundId: string;
  refundFen: number;
  status: 'processing' | 'succeeded' | 'failed';
  reason: string;
  createdAt: string;
  completedAt: string | null;
  operatorOpenid?: string;
  failure?: string | null;
  /** staff only: 'abnormal' gives back unbooked money; external = Pay Score refunded on the merchant platform */
  kind?: 'order' | 'abnormal';
  external?: boolean;
  /** WeChat paid out a refund recorded as failed: completed late */
  reopened?: boolean;
}

export interface PaymentQuote {
  orderId: string;
  orderStatus: string;
  payable: boolean;
  source: string;
  amountFen: number;
  quote: { original: number; discount: number; final: number; rate: number };
  level: { code: string; name: string };
  tickets: { balance: number; required: number; enough: boolean };
  methods: PaymentMethod[];
}

/** Pay Score: what wx.openBusinessView takes to let the diner confirm the service order (signed by the backend). */
export interface PayScoreBusinessView {
  businessType: 'wxpayScoreUse';
  extraData: { mch_id: string; package: string; timestamp: string; nonce_str: string; sign_type: 'HMAC-SHA256'; sign: string };
}

export interface CreatedPayment {
  payment: PaymentView;
  /** the object for wx.requestPayment (WeChat Pay) */
  wxPayment: Record<string, string> | null;
  payScorePackage: string | null;
  payScore: PayScoreBusinessView | null;
}

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

export const REFUND_STATUS_LABELS: Record<RefundView['status'], string> = { processing: '退款处理中', succeeded: '退款成功', failed: '退款失败' };

export function quote(orderId: string): Promise<PaymentQuote> {
  return callFunction<PaymentQuote>('payment', 'quote', { orderId });
}

export function createPayment(orderId: string, method: PaymentMethod): Promise<CreatedPayment> {
  return callFunction<CreatedPayment>('payment', 'createPayment', { orderId, method });
}

export function payWithTickets(paymentId: string): Promise<{ payment: PaymentView; ticketsSpent: number; ticketsBalance: number; alreadyPaid: boolean }> {
  return callFunction('payment', 'payWithTickets', { paymentId });
}

export function getPayment(query: {
  paymentId?: string;
  orderId?: string;
}): Promise<{ payment: PaymentView | null; refunds: RefundView[]; orderStatus?: string }> {
  return callFunction('payment', 'getPayment', query);
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

export interface PaymentFilter {
  storeId?: string;
  status?: PaymentStatus;
  method?: PaymentMethod;
  orderId?: string;
  abnormalOnly?: boolean;
  page?: number;
  pageSize?: number;
}

export function listPayments(filter: PaymentFilter): Promise<{ items: PaymentView[]; total: number; page: number; pageSize: number; hasMore: boolean }> {
  return callFunction('payment', 'listPayments', { ...filter });
}

export interface PaymentEventView {
  type: string;
  from: PaymentStatus | null;
  to: PaymentStatus;
  source: string;
  at: string;
  details: Record<string, unknown> | null;
}

export function getPaymentDetail(paymentId: string): Promise<{ payment: PaymentView; refunds: RefundView[]; events: PaymentEventView[] }> {
  return callFunction('payment', 'getPaymentDetail', { paymentId });
}

export function confirmCash(paymentId: string): Promise<{ payment: PaymentView; points: number }> {
  return callFunction('payment', 'confirmCash', { paymentId });
}

/**
 * Idempotency keys of refunds asked for but not definitely answered, by intent (payment, amount,
 * reason). Retrying the same refund — after a timeout, or a second tap on the same form — sends
 * the same key, so the backend returns the first result instead of refunding again.
 */
const openRefundRequests = new Map<string, string>();

export type RefundResult =
  | { refundId: string; refundFen: number; status: 'processing'; replayed?: boolean }
  | {
      refundId: string;
      refundFen: number;
      status: 'succeeded';
      paymentStatus: PaymentStatus;
      pointsReversed?: number;
      ticketsReturned?: number;
      replayed?: boolean;
    };

/** Omit refundFen for a full refund of what remains; pass requestId to manage the key yourself. */
export function refund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RefundResult> {
  return staffRefund('refund', paymentId, reason, refundFen, requestId);
}

/** 「已在商户平台退款」: records a Pay Score refund staff made on the WeChat Pay merchant platform. */
export function recordPayScoreRefund(paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RefundResult> {
  return staffRefund('recordPayScoreRefund', paymentId, reason, refundFen, requestId);
}

/** 「退还异常款项」: gives back the whole of the money WeChat collected that was never booked. */
export function refundAbnormal(paymentId: string, reason: string, requestId?: string): Promise<RefundResult> {
  return staffRefund('refundAbnormal', paymentId, reason, undefined, requestId);
}

type RefundAction = 'refund' | 'recordPayScoreRefund' | 'refundAbnormal';

async function staffRefund(action: RefundAction, paymentId: string, reason: string, refundFen?: number, requestId?: string): Promise<RefundResult> {
  const intent = `${action}|${paymentId}|${refundFen ?? 'rest'}|${reason}`;
  const key = requestId ?? openRefundRequests.get(intent) ?? newRequestId('refund');
  openRefundRequests.set(intent, key);
  try {
    const result = await callFunction<RefundResult>('payment', action, { paymentId, reason, requestId: key, ...(refundFen ? { refundFen } : {}) });
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
