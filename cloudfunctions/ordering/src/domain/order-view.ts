import type { MyOrderDetail, MyOrderItem, MyOrderStatus, MyOrderSummary } from '../../../../typings/api/orders';
import { toShanghai } from '../../../shared/domain/time';

/**
 * An `orders` document as the diner's views read it. Orders are created by 扫码点餐 / the
 * cabinet / seeds; payments write `status: 'paid'`, `paymentId`, `paymentMethod`, `paidFen`,
 * `paidAt`, and while refunding `refundStatus` and `refundedFen`.
 */
export interface OrderRecord {
  _id: string;
  storeId: string;
  openid: string;
  source?: string;
  title?: string;
  items?: { name?: string; itemName?: string; qty?: number; quantity?: number; priceFen?: number }[];
  totalFen?: number;
  status?: string;
  paymentId?: string | null;
  paymentMethod?: string | null;
  paidFen?: number | null;
  paidAt?: Date | string | null;
  refundStatus?: string | null;
  refundedFen?: number | null;
  createdAt?: Date | string | null;
  updatedAt?: Date | string | null;
}

/** The same statuses the payment function accepts as payable. */
const PAYABLE_STATUSES = new Set(['pending', 'pending_payment', 'unpaid']);

export const ORDER_STATUS_TEXT: Record<MyOrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  closed: '已关闭',
  cancelled: '已取消',
  completed: '已完成',
  refunding: '退款中',
  refunded: '已退款',
  partially_refunded: '部分退款',
  unknown: '处理中',
};

const SOURCE_TEXT: Record<string, string> = { table: '扫码点餐', cabinet: '智能柜', pos: '收银台' };

const PAYMENT_METHOD_TEXT: Record<string, string> = { wechat: '微信支付', payscore: '微信支付分', tickets: '礼票', cash: '到店现金' };

/** The diner-facing status: a refund (in progress or done) wins over the order's own status. */
export function orderStatusOf(order: Pick<OrderRecord, 'status' | 'refundStatus'>): MyOrderStatus {
  switch (order.refundStatus) {
    case 'refunding':
      return 'refunding';
    case 'refunded':
      return 'refunded';
    case 'partially_refunded':
      return 'partially_refunded';
  }
  const status = order.status ?? '';
  if (PAYABLE_STATUSES.has(status)) return 'pending';
  switch (status) {
    case 'paid':
      return 'paid';
    case 'closed':
    case 'expired':
      return 'closed';
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    case 'completed':
    case 'finished':
      return 'completed';
    default:
      return 'unknown';
  }
}

export function paymentMethodText(method: string | null | undefined): string {
  return method ? (PAYMENT_METHOD_TEXT[method] ?? method) : '';
}

const fen = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);

function instant(value: Date | string | null | undefined): { iso: string | null; text: string } {
  if (value === null || value === undefined || value === '') return { iso: null, text: '' };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return { iso: null, text: '' };
  return { iso: date.toISOString(), text: toShanghai(date, 'YYYY-MM-DD HH:mm') };
}

function itemsOf(order: OrderRecord): MyOrderItem[] {
  return (order.items ?? []).map((item) => {
    const qty = fen(item.qty ?? item.quantity) || 1;
    const priceFen = fen(item.priceFen);
    return { name: item.name ?? item.itemName ?? '', qty, priceFen, subtotalFen: qty * priceFen };
  });
}

/** One row of 我的订单. */
export function toOrderSummary(order: OrderRecord, storeName: string): MyOrderSummary {
  const status = orderStatusOf(order);
  const created = instant(order.createdAt);
  return {
    _id: order._id,
    storeId: order.storeId,
    storeName,
    title: order.title || storeName || `订单 ${order._id.slice(-8)}`,
    status,
    statusText: ORDER_STATUS_TEXT[status],
    payable: status === 'pending',
    totalFen: fen(order.totalFen),
    paidFen: typeof order.paidFen === 'number' ? order.paidFen : null,
    refundedFen: fen(order.refundedFen),
    itemCount: itemsOf(order).reduce((sum, item) => sum + item.qty, 0),
    createdAt: created.iso,
    createdAtText: created.text,
  };
}

/** 订单详情: the summary plus items, source and payment fields (no internal fields). */
export function toOrderDetail(order: OrderRecord, storeName: string): MyOrderDetail {
  const paid = instant(order.paidAt);
  return {
    ...toOrderSummary(order, storeName),
    source: order.source ?? '',
    sourceText: SOURCE_TEXT[order.source ?? ''] ?? '',
    items: itemsOf(order),
    paymentId: order.paymentId ?? null,
    paymentMethod: order.paymentMethod ?? null,
    paymentMethodText: paymentMethodText(order.paymentMethod),
    paidAt: paid.iso,
    paidAtText: paid.text,
  };
}

/** Store ids to look names up for, once each. */
export function distinctStoreIds(orders: Pick<OrderRecord, 'storeId'>[]): string[] {
  return [...new Set(orders.map((order) => order.storeId).filter((id): id is string => typeof id === 'string' && id.length > 0))];
}
