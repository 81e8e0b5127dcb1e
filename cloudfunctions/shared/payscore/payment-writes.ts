import { Collections } from '../collections';
import { isDuplicateKeyError } from '../integration/duplicate-key';
import { levelForPoints, quoteDiscount, type DiscountQuote } from '../members/levels';
import { PROGRAM_DOCUMENT_ID, programFromDocument } from '../members/program';
import { attachPayment, txFindOrder } from '../orders/order-repository';
import type { OrderRecord } from '../orders/order-record';
import { findById, getDatabase, txFindById, type Transaction } from '../repositories/database';
import { runInTransaction } from '../repositories/transaction';
import { eventIdFor, type PaymentEventRecord, type PaymentRecord } from '../payments/payment-record';

/**
 * The `payments` / `payment_events` writes of the smart-retail flow. The payment context owns both
 * collections; these are the only writes another context (the cabinet, through this kernel) makes
 * there, with the payment function's document shapes, so its settle (USER_PAID), reconcile and
 * refund paths handle these payments like any other. Single-document operations only.
 */

function createdEvent(payment: PaymentRecord): PaymentEventRecord {
  return {
    _id: eventIdFor(payment._id, 'created'),
    paymentId: payment._id,
    type: 'created',
    from: null,
    to: 'pending',
    source: 'system',
    at: payment.createdAt,
    details: { method: 'payscore', riskFen: payment.payScoreRiskFen, sessionId: payment.smartRetail?.sessionId, deviceCode: payment.smartRetail?.deviceCode },
  };
}

/** Writes the pending payment and its `created` event inside the caller's transaction (no read). */
export async function insertPaymentInTransaction(tx: Transaction, payment: PaymentRecord): Promise<void> {
  const { _id, ...fields } = payment;
  const created = createdEvent(payment);
  await Promise.all([tx.collection(Collections.payments).add({ data: { _id, ...fields } }), tx.collection(Collections.paymentEvents).add({ data: created })]);
}

/**
 * The same outside a transaction: two adds in one round trip. A payment already there under this
 * number (a retried open) is read and returned instead — the caller compares it.
 */
export async function insertPayment(payment: PaymentRecord): Promise<{ payment: PaymentRecord; existed: boolean }> {
  const db = getDatabase();
  const [paymentWrite] = await Promise.allSettled([
    db.collection(Collections.payments).add({ data: payment }),
    db.collection(Collections.paymentEvents).add({ data: createdEvent(payment) }),
  ]);
  if (paymentWrite.status === 'fulfilled') return { payment, existed: false };
  if (!isDuplicateKeyError(paymentWrite.reason)) throw paymentWrite.reason;
  const existing = await findById<PaymentRecord>(Collections.payments, payment._id);
  if (!existing) throw paymentWrite.reason;
  return { payment: existing, existed: true };
}

export const findPayment = (paymentId: string) => findById<PaymentRecord>(Collections.payments, paymentId);

/**
 * Saves WeChat's answer on a payment that is STILL pending (one conditional update, one round
 * trip); false when it was closed meanwhile (the caller then ends the WeChat order it just made).
 */
export async function saveServiceOrderState(paymentId: string, changes: { state: string; payScorePackage?: string }): Promise<boolean> {
  const db = getDatabase();
  const now = new Date();
  const data: Record<string, unknown> = { 'smartRetail.state': changes.state, gatewayPendingSince: null, updatedAt: now };
  if (changes.payScorePackage) data.payScorePackage = changes.payScorePackage;
  const result = (await db.collection(Collections.payments).where({ _id: paymentId, status: 'pending' }).update({ data })) as { stats?: { updated?: number } };
  return (result.stats?.updated ?? 0) > 0;
}

/** The create call failed and handed nothing out: the in-flight marker may go. */
export async function clearGatewayMarker(paymentId: string): Promise<void> {
  await getDatabase()
    .collection(Collections.payments)
    .doc(paymentId)
    .update({ data: { gatewayPendingSince: null } });
}

export interface MemberPrice {
  quote: DiscountQuote;
  levelCode: string;
  levelName: string;
}

/** The member discount every checkout uses (shared/members): member + programme, one round trip. */
export async function memberPrice(openid: string, amountFen: number): Promise<MemberPrice> {
  const [member, stored] = await Promise.all([
    findById<{ totalEarned?: number }>(Collections.members, openid),
    findById<unknown>(Collections.memberLevels, PROGRAM_DOCUMENT_ID),
  ]);
  const level = levelForPoints(member?.totalEarned ?? 0, programFromDocument(stored).levels);
  return { quote: quoteDiscount(amountFen, level), levelCode: level.code, levelName: level.name };
}

export interface RecordCompletion {
  paymentId: string;
  orderId: string;
  /** the placed cabinet order when the caller has it (saves the read) */
  order?: OrderRecord;
  amountFen: number;
  discountFen: number;
  payableFen: number;
  levelCode: string;
  lines: { description: string; amount: number; count: number }[];
}

/**
 * Records a completion WeChat ACCEPTED, in one transaction: the payment's final amounts and its
 * order, the `payscore_completed` event, and the order claimed by the payment (order kernel).
 * 4 round trips (start, payment [+ order], writes, commit). USER_PAID then settles it in the
 * payment function. Recording the same completion again changes nothing.
 */
export async function recordCompletion(input: RecordCompletion): Promise<{ payment: PaymentRecord; already: boolean }> {
  return runInTransaction(async (tx) => {
    const [payment, order] = await Promise.all([
      txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId),
      input.order ? Promise.resolve(input.order) : txFindOrder(tx, input.orderId),
    ]);
    if (!payment) throw new Error(`payment ${input.paymentId} vanished`);
    if (payment.payScoreCompletedAt) return { payment, already: true };
    const now = new Date();
    const changes = {
      orderId: input.orderId,
      amountFen: input.amountFen,
      discountFen: input.discountFen,
      payableFen: input.payableFen,
      levelCode: input.levelCode,
      payScoreCompletedAt: now,
      'smartRetail.state': 'DONE',
      updatedAt: now,
    };
    const completed: PaymentEventRecord = {
      _id: eventIdFor(payment._id, 'payscore_completed'),
      paymentId: payment._id,
      type: 'payscore_completed',
      from: payment.status,
      to: payment.status,
      source: 'system',
      at: now,
      details: { orderId: input.orderId, amountFen: input.amountFen, discountFen: input.discountFen, payableFen: input.payableFen, lines: input.lines },
    };
    await Promise.all([
      tx.collection(Collections.payments).doc(payment._id).update({ data: changes }),
      tx.collection(Collections.paymentEvents).add({ data: completed }),
      // The order is claimed by this payment, so no second payment can be started for it.
      order ? attachPayment(tx, order, { paymentId: payment._id, method: 'payscore', at: now }) : undefined,
    ]);
    const { 'smartRetail.state': _state, ...plain } = changes;
    return { payment: { ...payment, ...plain, smartRetail: payment.smartRetail ? { ...payment.smartRetail, state: 'DONE' } : undefined }, already: false };
  });
}

/** pending → closed (the service order was cancelled: nothing charged). 4 round trips. */
export async function closeSmartRetailPayment(
  paymentId: string,
  reason: string,
  refuse: (payment: PaymentRecord) => boolean,
): Promise<PaymentRecord['status'] | null> {
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, paymentId);
    if (!payment || payment.status !== 'pending') return payment?.status ?? null;
    if (refuse(payment)) return payment.status;
    const now = new Date();
    const closed: PaymentEventRecord = {
      _id: eventIdFor(paymentId, 'closed'),
      paymentId,
      type: 'closed',
      from: 'pending',
      to: 'closed',
      source: 'system',
      at: now,
      details: { reason },
    };
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(paymentId)
        .update({ data: { status: 'closed', closedReason: reason, 'smartRetail.state': 'REVOKED', updatedAt: now } }),
      tx.collection(Collections.paymentEvents).add({ data: closed }),
    ]);
    return 'closed' as const;
  });
}
