import type { MyOrderStatus } from '../../typings/api/ordering';
import { api } from './api';

/** The diner's own orders (context `ordering`). Amounts are integer fen. */
export type { ListMyOrdersResult, MyOrderDetail, MyOrderStatus, MyOrderSummary } from '../../typings/api/ordering';

/** Newest first; `pageSize` at most 100. */
export function listMyOrders(page = 1, pageSize = 20) {
  return api.ordering.listMyOrders({ page, pageSize });
}

/** One of the caller's orders with its items; another diner's order answers 40480 订单不存在. */
export function getMyOrder(orderId: string) {
  return api.ordering.getMyOrder({ orderId });
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
