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

/**
 * The largest amount one payment, refund or Pay Score completion may carry: ¥100,000. Far above
 * any restaurant or cabinet bill, and far below where fen arithmetic stops being exact.
 */
export const MAX_PAYMENT_FEN = 10_000_000;

/** A positive amount in fen, bounded. */
export const fenSchema = z.number().int().positive().max(MAX_PAYMENT_FEN);

/** Staff-entered reason, shown in audit logs and to the diner (refunds). */
export const staffReasonSchema = z.string().trim().min(2).max(80);

export const pageSchema = z.number().int().min(1).max(10_000).default(1);
