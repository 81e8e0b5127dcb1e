import { createHash } from 'node:crypto';
import type { NormalisedOrder, TransactionType } from './order';

/**
 * Idempotency on (integration, orderId). Two hashes:
 * - content: everything the POS said about the sale except the transaction type: equal
 *   means "the same order again";
 * - lines: what was sold (items and total): a refund or void must name the same sale.
 */
export interface OrderFingerprints {
  content: string;
  lines: string;
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function fingerprintOrder(order: NormalisedOrder): OrderFingerprints {
  const lines = { items: order.items, totalAmountFen: order.totalAmountFen };
  return {
    lines: sha256(lines),
    content: sha256({ ...lines, restaurantId: order.restaurantId, orderTime: order.orderTime.toISOString(), customer: order.customer ?? null }),
  };
}

export type IdempotencyDecision =
  /** same message again: reply with what is stored, write nothing */
  | { kind: 'replay' }
  /** a sale being refunded or voided: store the reversal */
  | { kind: 'reverse'; to: Exclude<TransactionType, 'sale'> }
  | { kind: 'conflict'; reason: string };

export function decideOnExisting(
  stored: { transactionType: TransactionType; fingerprints: OrderFingerprints },
  incoming: { transactionType: TransactionType; fingerprints: OrderFingerprints },
): IdempotencyDecision {
  const sameLines = stored.fingerprints.lines === incoming.fingerprints.lines;
  if (incoming.transactionType === stored.transactionType) {
    // A refund or void message may carry the time of the reversal, so only the lines must match.
    const same = incoming.transactionType === 'sale' ? stored.fingerprints.content === incoming.fingerprints.content : sameLines;
    return same ? { kind: 'replay' } : { kind: 'conflict', reason: '同一订单号的内容与已同步的不一致' };
  }
  if (stored.transactionType === 'sale') {
    if (!sameLines) return { kind: 'conflict', reason: '退款/作废的菜品与金额必须与原销售一致' };
    return { kind: 'reverse', to: incoming.transactionType as Exclude<TransactionType, 'sale'> };
  }
  // The sale arriving after its own reversal (out-of-order delivery) changes nothing.
  if (incoming.transactionType === 'sale' && sameLines) return { kind: 'replay' };
  return { kind: 'conflict', reason: `订单已${stored.transactionType === 'refund' ? '退款' : '作废'}，不能再变更为 ${incoming.transactionType}` };
}
