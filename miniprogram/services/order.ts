import { callFunction } from './transport';

/**
 * The diner's own orders (function `ordering`, action `listMyOrders`).
 * The shapes below are what this page needs; they move to typings/api/ once the ordering
 * function publishes its contract.
 */
export interface MyOrder {
  _id: string;
  orderNo?: string;
  storeName?: string;
  status?: string;
  statusText?: string;
  /** fen */
  totalAmount?: number;
  createdAt?: string | number;
}

export interface MyOrderPage {
  items: MyOrder[];
  total: number;
  hasMore?: boolean;
}

export function listMyOrders(page = 1, pageSize = 20): Promise<MyOrderPage> {
  return callFunction<MyOrderPage>('ordering', 'listMyOrders', { page, pageSize });
}
