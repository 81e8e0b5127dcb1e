import type { PaymentRecord } from './payment-record';

/**
 * Gift tickets a refund gives back: in proportion to the money refunded so far, and cumulative —
 * the target for everything refunded minus what earlier refunds returned — so several partial
 * refunds never return more than was spent, and rounding down never loses a ticket overall.
 */
export function ticketsToReturn(
  payment: Pick<PaymentRecord, 'method' | 'ticketsSpent' | 'ticketsRefunded' | 'payableFen'>,
  /** everything refunded, this refund included */
  refundedFen: number,
): number {
  if (payment.method !== 'tickets' || !payment.ticketsSpent || payment.payableFen <= 0) return 0;
  const target = Math.floor((payment.ticketsSpent * Math.min(refundedFen, payment.payableFen)) / payment.payableFen);
  return Math.max(0, target - (payment.ticketsRefunded ?? 0));
}
