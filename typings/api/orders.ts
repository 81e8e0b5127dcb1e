/** Contracts of the ordering function's diner actions (`listMyOrders`, `getMyOrder`). Type-only. */

/**
 * What the diner sees of an order's state, derived from the order's `status` and the
 * `refundStatus` payments write: a refund in progress or done wins over 已支付.
 */
export type MyOrderStatus = 'pending' | 'paid' | 'closed' | 'cancelled' | 'completed' | 'refunding' | 'refunded' | 'partially_refunded' | 'unknown';

export interface MyOrderSummary {
  _id: string;
  storeId: string;
  /** '' when the store is unknown */
  storeName: string;
  title: string;
  status: MyOrderStatus;
  /** Chinese, e.g. 待支付 */
  statusText: string;
  /** whether 去支付 makes sense (the payment function decides for real) */
  payable: boolean;
  /** order total before member discounts, fen */
  totalFen: number;
  /** what was paid, fen; null until paid */
  paidFen: number | null;
  /** fen; 0 when nothing was refunded */
  refundedFen: number;
  itemCount: number;
  /** ISO instant (UTC); null when the order has no creation time */
  createdAt: string | null;
  /** Asia/Shanghai, for display */
  createdAtText: string;
}

export interface ListMyOrdersInput {
  /** 1-based */
  page?: number;
  /** at most 100: one server-side database read */
  pageSize?: number;
}

export interface ListMyOrdersResult {
  items: MyOrderSummary[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface MyOrderItem {
  name: string;
  qty: number;
  /** unit price, fen */
  priceFen: number;
  /** qty × priceFen, fen */
  subtotalFen: number;
}

export interface GetMyOrderInput {
  orderId: string;
}

export interface MyOrderDetail extends MyOrderSummary {
  source: string;
  /** 扫码点餐 / 智能柜 / 收银台 */
  sourceText: string;
  items: MyOrderItem[];
  paymentId: string | null;
  /** wechat / payscore / tickets / cash; null until a payment was started */
  paymentMethod: string | null;
  /** 微信支付 …; '' without a payment */
  paymentMethodText: string;
  /** ISO instant (UTC) */
  paidAt: string | null;
  paidAtText: string;
}
