/**
 * The payment transactions, one file per use case. This barrel keeps the names the handlers
 * import; new code imports the use-case file directly.
 */
export { claimOrderForPayment, closePayment, closePendingPayment, failPayment, saveGatewayOrder } from './open-close-transactions';
export type { ClaimOutcome, ClosePendingInput, ClosePendingOutcome } from './open-close-transactions';
export { payWithTickets, settlePayment } from './settle-transactions';
export type { SettleInput, SettleOutcome } from './settle-transactions';
export { beginRefund, completeRefund, failRefund, markRefundResend } from './refund-transactions';
export type { RefundOutcome } from './refund-transactions';
export { beginAbnormalRefund } from './abnormal-refund-transactions';
export { recordPayScoreCompletion } from './payscore-transactions';
export type { PayScoreCompletion } from './payscore-transactions';
