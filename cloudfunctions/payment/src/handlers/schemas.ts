import { z } from 'zod';
import { PAYMENT_ID_PATTERN } from '../domain/payment-ids';

/** Input pieces the payment actions share. */
export const paymentIdSchema = z.string().regex(PAYMENT_ID_PATTERN, '不是合法的支付单号');

export const orderIdSchema = z.string().min(1).max(64);

/** Chosen by the client once per user intent (a confirmed refund form) and reused on retry. */
export const requestIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');
