import type { ListMyOrdersResult, MyOrderDetail, MyOrderStatus, MyOrderSummary } from '../../typings/api/orders';
import { callFunction } from './transport';

/** The diner's own orders (function `ordering`). Amounts are integer fen. */
export type { ListMyOrdersResult, MyOrderDetail, MyOrderStatus, MyOrderSummary };

/** Newest first; `pageSize` at most 100. */
export function listMyOrders(page = 1, pageSize = 20): Promise<ListMyOrdersResult> {
  return callFunction<ListMyOrdersResult>('ordering', 'listMyOrders', { page, pageSize });
}

/** One of the caller's orders with its items; another diner's order answers 40480 订单不存在. */
export function getMyOrder(orderId: string): Promise<MyOrderDetail> {
  return callFunction<MyOrderDetail>('ordering', 'getMyOrder', { orderId });
}

/** TDesign tag theme for an order status. */
export function orderStatusTheme(status: MyOrderStatus): 'primary' | 'success' | 'warning' | 'default' {
  switch (status) {
    case 'pending':
      return 'warning';
    case 'paid':
    case 'completed':
      return 'success';
    case 'refunding':
    case 'partially_refunded':
      return 'primary';
    default:
      return 'default';
  }
}
