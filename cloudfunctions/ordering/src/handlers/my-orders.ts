import { orderingContract } from '../../../../typings/api/ordering';
import { AppError, implement, requireOpenid } from '../../../shared/kit';
import { findOrder, listOrdersOf } from '../../../shared/orders';
import { toPage } from '../../../shared/repositories/database';
import { distinctStoreIds, toOrderDetail, toOrderSummary } from '../domain/order-view';
import { Errors } from '../errors';
import { findStoreNames } from '../../../shared/repositories/store-names';

/** 订单 tab: the caller's own orders, newest first, a page at a time. */
export const listMyOrders = implement(orderingContract.actions.listMyOrders, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const { items, total } = await listOrdersOf({ openid, page: input.page, pageSize: input.pageSize });
  const names = await findStoreNames(distinctStoreIds(items));
  return toPage(
    items.map((order) => toOrderSummary(order, names.get(order.storeId) ?? '')),
    total,
    input,
  );
});

/** 订单详情: one of the caller's orders; someone else's order is reported as not found. */
export const getMyOrder = implement(orderingContract.actions.getMyOrder, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const order = await findOrder(input.orderId);
  if (!order || order.openid !== openid) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
  const names = await findStoreNames(distinctStoreIds([order]));
  return toOrderDetail(order, names.get(order.storeId) ?? '');
});
