import type { MyOrderDetail, MyOrderItem, MyOrderStatus, MyOrderSummary } from '../../../../typings/api/ordering';
import { toShanghai } from '../../../shared/domain/time';
import { itemCountOf, normaliseOrderStatus, type OrderRecord, type OrderSource } from '../../../shared/orders/order-record';
import { isPayableOrder } from '../../../shared/orders/order-state';

/**
 * The diner's views of an order (the order kernel's OrderRecord: shared/orders). Payments write
 * `status: 'paid'`, `paymentId`, `paymentMethod`, `paidFen`, `paidAt`, and while refunding
 * `refundStatus` and `refundedFen`.
 */

export const ORDER_STATUS_TEXT: Record<MyOrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  confirmed: '已确认',
  preparing: '制作中',
  serving: '上菜中',
  closed: '已关闭',
  cancelled: '已取消',
  completed: '已完成',
  refunding: '退款中',
  refunded: '已退款',
  partially_refunded: '部分退款',
  unknown: '处理中',
};

const SOURCE_TEXT: Record<OrderSource, string> = { table: '扫码点餐', cabinet: '智能柜', pos: '收银台' };

const PAYMENT_METHOD_TEXT: Record<string, string> = { wechat: '微信支付', payscore: '微信支付分', tickets: '礼票', cash: '到店现金' };

/**
 * The diner-facing status: a refund (in progress or done) wins over the order's own status. Takes
 * the stored spelling too (legacy statuses read as the status they mean).
 */
export function orderStatusOf(order: { status?: string | null; refundStatus?: string | null }): MyOrderStatus {
  switch (order.refundStatus) {
    case 'refunding':
      return 'refunding';
    case 'refunded':
      return 'refunded';
    case 'partially_refunded':
      return 'partially_refunded';
  }
  return normaliseOrderStatus(order.status);
}

export function paymentMethodText(method: string | null | undefined): string {
  return method ? (PAYMENT_METHOD_TEXT[method] ?? method) : '';
}

function instant(value: Date | undefined): { iso: string | null; text: string } {
  if (!value) return { iso: null, text: '' };
  return { iso: value.toISOString(), text: toShanghai(value, 'YYYY-MM-DD HH:mm') };
}

function itemsOf(order: OrderRecord): MyOrderItem[] {
  return order.items.map((item) => ({ name: item.name, qty: item.quantity, priceFen: item.unitPriceFen, subtotalFen: item.amountFen }));
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
    payable: isPayableOrder(order) && order.refundStatus == null,
    totalFen: order.totalFen,
    paidFen: order.paidFen ?? null,
    refundedFen: order.refundedFen ?? 0,
    itemCount: itemCountOf(order),
    createdAt: created.iso,
    createdAtText: created.text,
  };
}

/** 订单详情: the summary plus items, source and payment fields (no internal fields). */
export function toOrderDetail(order: OrderRecord, storeName: string): MyOrderDetail {
  const paid = instant(order.paidAt);
  return {
    ...toOrderSummary(order, storeName),
    source: order.source,
    sourceText: SOURCE_TEXT[order.source],
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
