import { orderNumberOf } from '../../../shared/orders/order-record';

/**
 * The reason written on the diner's ledger row for a payment or refund: the readable order number,
 * never the internal order id (`订单 MOPAY001 支付`). The row also carries the storeId; the member
 * context puts the store's name in front when it lists the ledger, so the pay callback reads nothing more.
 */
export type LedgerReasonKind = '支付' | '礼票支付' | '退款' | '退款退回礼票';

export function ledgerReason(orderId: string, kind: LedgerReasonKind): string {
  return `订单 ${orderNumberOf(orderId)} ${kind}`;
}
