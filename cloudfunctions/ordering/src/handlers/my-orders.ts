import { z } from 'zod';
import type { ListMyOrdersResult, MyOrderDetail } from '../../../../typings/api/orders';
import { AppError, defineAction, requireOpenid } from '../../../shared/kit';
import { MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import { distinctStoreIds, toOrderDetail, toOrderSummary } from '../domain/order-view';
import { Errors } from '../errors';
import { findOrderById, findStoreNames, listOrdersOf } from '../repositories/order-repository';

const orderIdSchema = z.string().min(1).max(64);

/** 订单 tab: the caller's own orders, newest first, a page at a time. */
export const listMyOrdersAction = defineAction({
  input: z
    .object({
      page: z.number().int().min(1).max(10000).default(1),
      pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    })
    .strict(),
  handler: async (input, ctx): Promise<ListMyOrdersResult> => {
    const openid = requireOpenid(ctx.caller);
    const { items, total } = await listOrdersOf({ openid, page: input.page, pageSize: input.pageSize });
    const names = await findStoreNames(distinctStoreIds(items));
    return {
      items: items.map((order) => toOrderSummary(order, names.get(order.storeId) ?? '')),
      total,
      page: input.page,
      pageSize: input.pageSize,
      hasMore: (input.page - 1) * input.pageSize + items.length < total,
    };
  },
});

/** 订单详情: one of the caller's orders; someone else's order is reported as not found. */
export const getMyOrderAction = defineAction({
  input: z.object({ orderId: orderIdSchema }).strict(),
  handler: async (input, ctx): Promise<MyOrderDetail> => {
    const openid = requireOpenid(ctx.caller);
    const order = await findOrderById(input.orderId);
    if (!order || order.openid !== openid) throw new AppError(Errors.ORDER_NOT_FOUND, { details: { field: 'orderId' } });
    const names = await findStoreNames(distinctStoreIds([order]));
    return toOrderDetail(order, names.get(order.storeId) ?? '');
  },
});
