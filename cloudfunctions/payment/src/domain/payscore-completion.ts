/**
 * Rules for ending a Pay Score service (completePayScore) that do not need WeChat.
 */

// The completePayScore schema bounds the total, so the line and its total are part of the contract.
export { completionTotalFen, type CompletionLine } from '../../../../typings/api/payment';

/**
 * The lowest goods total (before the member discount) a completion may charge, as a share of the
 * order the service was opened for: 500‰ = half. A cabinet order's amount is an estimate — the
 * diner may take less than it, so completing below it is normal — but charging a token amount
 * for an order is how goods get given away by whoever completes it. Below the floor, staff cancel
 * the Pay Score order (audited) and settle the order another way, or correct the order first.
 */
export const PAYSCORE_COMPLETION_FLOOR_PERMILLE = 500;

export function payScoreCompletionFloorFen(orderAmountFen: number): number {
  return Math.ceil((orderAmountFen * PAYSCORE_COMPLETION_FLOOR_PERMILLE) / 1000);
}
