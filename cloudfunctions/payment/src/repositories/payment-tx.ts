import { appendAuditInTransaction } from '../../../shared/audit/audit-log';
import { Collections } from '../../../shared/collections';
import { AppError } from '../../../shared/kit/errors';
import { OrderTransitionError } from '../../../shared/orders/order-state';
import type { Transaction } from '../../../shared/repositories/database';
import { Errors } from '../errors';
import { eventIdFor } from '../domain/payment-ids';
import type { PaymentEventRecord } from '../domain/payment-record';
import { IllegalTransitionError, transition, type PaymentEventType, type PaymentStatus } from '../domain/payment-state';

/**
 * What every payment transaction shares: the status step, the event row and the audit entry.
 * Each status change of a payment is ONE transaction: the payment, its event row, the order
 * (through the order kernel) and the member ledgers move together or not at all. Only
 * single-document operations (CloudBase transactions allow nothing else); ids are chosen so
 * each document is addressable.
 */

export type EventSource = PaymentEventRecord['source'];

/** A payment transition, or the state conflict the caller sees. */
export function step(from: PaymentStatus, event: PaymentEventType, context?: Parameters<typeof transition>[2]): PaymentStatus {
  try {
    return transition(from, event, context);
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `支付单状态为 ${from}，不能执行 ${event}` });
    throw error;
  }
}

/** An order write the order kernel refused (its state machine): a state conflict, nothing written. */
export async function orderWrite<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof OrderTransitionError)
      throw new AppError(Errors.PAYMENT_STATE_CONFLICT, { message: `订单当前状态不能执行 ${error.event}（${error.reason}）` });
    throw error;
  }
}

/** `add` with a fixed id: a second write of the same transition fails the transaction instead of duplicating. */
export async function appendEvent(tx: Transaction, event: PaymentEventRecord): Promise<void> {
  await tx.collection(Collections.paymentEvents).add({ data: event });
}

export async function appendAudit(
  tx: Transaction,
  entry: { action: string; operatorOpenid: string; targetId: string; details: Record<string, unknown> },
): Promise<void> {
  await appendAuditInTransaction(tx, { ...entry, context: 'payment', targetType: 'payment' });
}

export function event(
  paymentId: string,
  type: PaymentEventRecord['type'],
  from: PaymentStatus | null,
  to: PaymentStatus,
  source: EventSource,
  extra: Partial<PaymentEventRecord> = {},
  qualifier?: string,
): PaymentEventRecord {
  return { _id: eventIdFor(paymentId, type, qualifier), paymentId, type, from, to, source, at: new Date(), ...extra };
}
