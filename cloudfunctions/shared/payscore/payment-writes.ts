import { Collections } from '../collections';
import { isDuplicateKeyError } from '../integration/duplicate-key';
import { levelForPoints, quoteDiscount, type DiscountQuote } from '../members/levels';
import { PROGRAM_DOCUMENT_ID, programFromDocument } from '../members/program';
import { attachPayment, findOrder } from '../orders/order-repository';
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

/**
 * The loyalty programme changes rarely (staff edit levels): kept per function instance for a
 * short while so a door-close push does not read it every time. A change reaches completions
 * within PROGRAM_CACHE_MS.
 */
const PROGRAM_CACHE_MS = 30_000;
let programCache: { at: number; stored: unknown } | undefined;

async function loyaltyProgram(): Promise<unknown> {
  if (programCache && Date.now() - programCache.at < PROGRAM_CACHE_MS) return programCache.stored;
  const stored = await findById<unknown>(Collections.memberLevels, PROGRAM_DOCUMENT_ID);
  programCache = { at: Date.now(), stored };
  return stored;
}

/** The member discount every checkout uses (shared/members): the member (+ the programme, cached), one round. */
/** `known`: the member document as the caller just read it (saves the read; `null` = no member). */
export async function memberPrice(openid: string, amountFen: number, known?: { totalEarned?: number } | null): Promise<MemberPrice> {
  const [member, stored] = await Promise.all([known !== undefined ? known : findById<{ totalEarned?: number }>(Collections.members, openid), loyaltyProgram()]);
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

function completionChanges(input: RecordCompletion, now: Date) {
  return {
    orderId: input.orderId,
    amountFen: input.amountFen,
    discountFen: input.discountFen,
    payableFen: input.payableFen,
    levelCode: input.levelCode,
    payScoreCompletedAt: now,
    'smartRetail.state': 'DONE',
    updatedAt: now,
  };
}

function completedEvent(input: RecordCompletion, now: Date): PaymentEventRecord {
  return {
    _id: eventIdFor(input.paymentId, 'payscore_completed'),
    paymentId: input.paymentId,
    type: 'payscore_completed',
    from: 'pending',
    to: 'pending',
    source: 'system',
    at: now,
    details: { orderId: input.orderId, amountFen: input.amountFen, discountFen: input.discountFen, payableFen: input.payableFen, lines: input.lines },
  };
}

/**
 * Records a completion WeChat ACCEPTED: the payment's final amounts and its order, and the
 * `payscore_completed` event. USER_PAID then settles it in the payment function.
 * - The order already names this payment (the cabinet attached it through the order kernel when
 *   placing it): one conditional update (still pending, not yet completed) + the event, 2 round
 *   trips, no transaction — the condition is what a transaction would check.
 * - Otherwise the payment claims the order in one transaction with the rest (6 round trips).
 * Recording the same completion again changes nothing (`already`).
 */
export async function recordCompletion(input: RecordCompletion): Promise<{ already: boolean }> {
  const order = input.order ?? (await findOrder(input.orderId));
  const now = new Date();
  if (order?.paymentId === input.paymentId) {
    const db = getDatabase();
    const _ = db.command;
    const [updated] = await Promise.all([
      db
        .collection(Collections.payments)
        .where({ _id: input.paymentId, status: 'pending', payScoreCompletedAt: _.exists(false) })
        .update({ data: completionChanges(input, now) }) as Promise<{ stats?: { updated?: number } }>,
      db
        .collection(Collections.paymentEvents)
        .add({ data: completedEvent(input, now) })
        .catch((error: unknown) => {
          // The event of a completion recorded before: the update below then changed nothing either.
          if (!isDuplicateKeyError(error)) throw error;
        }),
    ]);
    if ((updated.stats?.updated ?? 0) > 0) return { already: false };
    // Nothing matched: recorded before (a retry), or — rare — closed after WeChat accepted the
    // completion; that one must reach the caller's retry / manual queue, not pass as done.
    const current = await findById<PaymentRecord>(Collections.payments, input.paymentId);
    if (current?.payScoreCompletedAt) return { already: true };
    throw new Error(`payment ${input.paymentId} is ${current?.status ?? 'missing'}: completion accepted by WeChat but not recorded`);
  }
  return runInTransaction(async (tx) => {
    const payment = await txFindById<PaymentRecord>(tx, Collections.payments, input.paymentId);
    if (!payment) throw new Error(`payment ${input.paymentId} vanished`);
    if (payment.payScoreCompletedAt) return { already: true };
    await Promise.all([
      tx
        .collection(Collections.payments)
        .doc(payment._id)
        .update({ data: completionChanges(input, now) }),
      tx.collection(Collections.paymentEvents).add({ data: completedEvent(input, now) }),
      // The order is claimed by this payment, so no second payment can be started for it.
      order ? attachPayment(tx, order, { paymentId: payment._id, method: 'payscore', at: now }) : undefined,
    ]);
    return { already: false };
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
