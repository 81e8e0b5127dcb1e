import { DEFAULT_POINTS_RULES, type PointsRules } from './program';

function assertFen(fen: number, name: string): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`${name} 必须是非负整数分: ${fen}`);
}

/** Seed 003: ¥1 paid = 1 point, whole points only (floor). */
export function pointsForPayment(paidFen: number, rules: PointsRules = DEFAULT_POINTS_RULES): number {
  assertFen(paidFen, 'paidFen');
  return Math.floor((paidFen * rules.pointsPerYuan) / 100);
}

/**
 * Seed 004: paying ¥X costs X×500 tickets. From fen that is fen×500/100, exact for the default
 * rate; for other rates a fraction of a ticket is rounded UP so tickets never under-pay.
 */
export function ticketsForAmount(amountFen: number, rules: PointsRules = DEFAULT_POINTS_RULES): number {
  assertFen(amountFen, 'amountFen');
  const scaled = amountFen * rules.ticketsPerYuan;
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`金额过大: ${amountFen}`);
  return Math.ceil(scaled / 100);
}

/**
 * Points a refund takes back from one earning. Refunds of the same payment accumulate:
 * after refunding `refundedFenAfter` of `paidFen`, floor(earned × refundedFenAfter / paidFen)
 * points in total have been reversed. Floor keeps every partial reversal ≤ its share, and a
 * refund of the whole amount reverses exactly `earned` — the total never exceeds it.
 */
export function pointsToReverse(input: { earned: number; alreadyReversed: number; paidFen: number; refundedFenAfter: number }): number {
  const { earned, alreadyReversed, paidFen } = input;
  if (earned <= 0 || paidFen <= 0) return 0;
  const refunded = Math.min(Math.max(0, input.refundedFenAfter), paidFen);
  const target = Math.floor((earned * refunded) / paidFen);
  return Math.max(0, Math.min(earned, target) - alreadyReversed);
}
