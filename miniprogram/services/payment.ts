import { config } from '../config/index';
import { ApiError, ClientErrorCodes } from './errors';
import { callFunction } from './transport';

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
  abnormal: { reason: string; reportedFen: number } | null;
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

export interface CreatedPayment {
  payment: PaymentView;
  /** the object for wx.requestPayment (WeChat Pay) */
  wxPayment: Record<string, string> | null;
  payScorePackage: string | null;
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
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl.replace(/\/+$/, '')}/_emulator/wxpay/pay`,
      method: 'POST',
      data: { outTradeNo: paymentId },
      header: { 'content-type': 'application/json' },
      success: (res) =>
        res.statusCode >= 200 && res.statusCode < 300
          ? resolve()
          : reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '模拟支付失败', { errMsg: `HTTP ${res.statusCode}` })),
      fail: (err) => reject(new ApiError(ClientErrorCodes.TRANSPORT_FAILED, '无法连接本地模拟器，请确认已运行 npm start', { errMsg: err.errMsg })),
    });
  });
}

// ------------------------------------------------------------ staff

export interface PaymentFilter {
  storeId?: string;
  status?: PaymentStatus;
  method?: PaymentMethod;
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

/** Omit refundFen for a full refund of what remains. */
export function refund(
  paymentId: string,
  reason: string,
  refundFen?: number,
): Promise<{ refundId: string; refundFen: number; status: 'processing' | 'succeeded' }> {
  return callFunction('payment', 'refund', { paymentId, reason, ...(refundFen ? { refundFen } : {}) });
}
