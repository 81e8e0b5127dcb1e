import { PAYMENT_ID_PATTERN } from '../../../../typings/api/payment';

/** WeChat Pay's limit for out_trade_no and out_refund_no. */
export const MAX_TRADE_NO_LENGTH = 32;
export const MAX_REFUNDS_PER_PAYMENT = 50;

// Made in shared/payments: the Pay Score kernel numbers the cabinet's payments the same way.
export { newPaymentId } from '../../../shared/payments/payment-ids';

// The pattern is part of the payment contract (input validation); defined there.
export { PAYMENT_ID_PATTERN };

export function isPaymentId(value: string): boolean {
  return PAYMENT_ID_PATTERN.test(value);
}

/** Our refund ids: `R` + the payment id's body + a two-digit sequence (see refundIdFor). */
export function isRefundId(value: string): boolean {
  return /^R\d{14}[0-9a-f]{12}\d{2}$/.test(value);
}

/**
 * Refund numbers are derived from the payment and the refund's sequence number, so a retried
 * request reuses the same out_refund_no and WeChat refunds it once.
 */
export function refundIdFor(paymentId: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_REFUNDS_PER_PAYMENT) throw new RangeError(`退款序号超出范围: ${sequence}`);
  const id = `R${paymentId.slice(1)}${String(sequence).padStart(2, '0')}`;
  if (id.length > MAX_TRADE_NO_LENGTH) throw new RangeError(`退款单号过长: ${id}`);
  return id;
}

export { eventIdFor } from '../../../shared/payments/payment-record';
