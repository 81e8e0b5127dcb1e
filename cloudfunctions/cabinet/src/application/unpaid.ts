import type { UnpaidOrderView } from '../../../../typings/api/cabinet-views';
import { amountDueFen, findOrder, isPayableOrder, orderNumberOf, type OrderRecord } from '../../../shared/orders';
import { forgetOwed } from '../repositories/diners';
import type { CabinetStore } from '../repositories/stores';

/**
 * A store's minimum gift-ticket balance to open with 礼票 (agreed name `minTicketBalance`). Absent:
 * enough for ¥1 (`ticketsPerYuan` tickets) — a diner with a few stray tickets is not sent to a
 * door they could not pay for.
 */
export function minTicketBalanceOf(store: Pick<CabinetStore, 'minTicketBalance'>, ticketsPerYuan: number): number {
  const configured = store.minTicketBalance;
  return typeof configured === 'number' && Number.isSafeInteger(configured) && configured > 0 ? configured : ticketsPerYuan;
}

/**
 * The diner's owed cabinet orders as they are now: the payment function settles them (WeChat Pay
 * of the remainder) without telling the cabinet, so the list is checked against the orders and
 * the paid ones are forgotten. Returns the orders still owed.
 */
export async function owedOrders(openid: string, orderIds: readonly string[]): Promise<OrderRecord[]> {
  if (orderIds.length === 0) return [];
  const orders = await Promise.all(orderIds.slice(0, 20).map((id) => findOrder(id)));
  const owed = orders.filter((order): order is OrderRecord => !!order && isPayableOrder(order));
  const settled = orderIds.filter((id) => !owed.some((order) => order._id === id));
  if (settled.length) await forgetOwed(openid, settled, new Date());
  return owed;
}

export async function settleUnpaid(openid: string, orderIds: readonly string[]): Promise<string[]> {
  return (await owedOrders(openid, orderIds)).map((order) => order._id);
}

export function unpaidView(order: OrderRecord, storeName: string | null): UnpaidOrderView<Date> {
  return {
    orderId: order._id,
    orderNumber: orderNumberOf(order._id),
    storeName,
    deviceCode: order.cabinet?.deviceCode ?? null,
    totalFen: order.totalFen,
    dueFen: amountDueFen(order),
    createdAt: order.createdAt ?? null,
  };
}
