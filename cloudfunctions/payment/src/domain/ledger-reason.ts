import { orderNumberOf } from '../../../shared/orders/order-record';

/**
 * The reason a diner reads in 积分明细 / 礼票明细 for a payment or refund: the store's name and the
 * readable order number, never the internal order id (`气候餐厅（示范店） · 订单 MOPAY001 支付`).
 */
export type LedgerReasonKind = '支付' | '礼票支付' | '退款' | '退款退回礼票';

export function ledgerReason(storeName: string | null, orderId: string, kind: LedgerReasonKind): string {
  const order = `订单 ${orderNumberOf(orderId)} ${kind}`;
  return storeName ? `${storeName} · ${order}` : order;
}
