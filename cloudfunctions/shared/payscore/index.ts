/**
 * Pay Score (微信支付分) smart-retail kernel: what the cabinet function calls to let a diner shop
 * pay-after (authorization once, then one no-confirm service order per door session), and what
 * the payment function calls to store the permission notifications. See README.md here.
 *
 * Round trips (DB / Pay Score) are stated per function so the cabinet can keep its budget
 * (scan → door-open ≤ 8 + 1 Pay Score call, push → charged ≤ 10 + 1).
 */
export * from './types';
export type { PaymentRecord } from '../payments/payment-record';
export { PayScoreErrors } from './errors';
export { payScoreMode } from './config';
export { authorizationOf, requestAuthorization, recordPermissionNotification, type PermissionNotification } from './permissions';
export {
  newPayScoreOrderNo,
  stageSmartRetailPayment,
  openSmartRetailOrder,
  confirmSmartRetailOrder,
  completeSmartRetailOrder,
  cancelSmartRetailOrder,
} from './smart-retail';
