import { Collections } from '../collections';
import { isDuplicateKeyError } from '../integration/duplicate-key';
import { findById, getDatabase, MAX_PAGE_SIZE, txFindById, type Transaction } from '../repositories/database';
import type { CabinetOrderFacts } from './cabinet-facts';
import { newOrderRecord, ORDER_FIELDS, readOrder, type NewOrderInput, type OrderRecord, type StoredOrder } from './order-record';
import { isPayableOrder, OrderTransitionError, requireOrderTransition, type OrderEvent, type OrderState } from './order-state';

/**
 * The only code that touches the `orders` collection. Reads return OrderRecords (readOrder);
 * writes run inside the CALLER's transaction (payment settles an order together with its payment
 * and the member ledgers) and ask the state machine first, so a refused change writes nothing and
 * fails that transaction.
 *
 * Each write takes the order as the caller read it in this transaction (`txFindOrder`), or its id:
 * then the write reads it itself, and a missing order is left alone (`null`), as a payment whose
 * order was removed must still settle.
 */

const ordersOf = (tx: Transaction) => tx.collection<StoredOrder>(Collections.orders);

export async function findOrder(orderId: string): Promise<OrderRecord | null> {
  const stored = await findById<StoredOrder>(Collections.orders, orderId);
  return stored ? readOrder(stored) : null;
}

/** The order as this transaction sees it. */
export async function txFindOrder(tx: Transaction, orderId: string): Promise<OrderRecord | null> {
  const stored = await txFindById<StoredOrder>(tx, Collections.orders, orderId);
  return stored ? readOrder(stored) : null;
}

export interface DinerOrdersQuery {
  openid: string;
  /** 1-based */
  page: number;
  /** at most MAX_PAGE_SIZE: one server-side get */
  pageSize: number;
}

/** A diner's orders, newest first (id breaks ties so pages are stable); count and page in parallel. */
export async function listOrdersOf(query: DinerOrdersQuery): Promise<{ items: OrderRecord[]; total: number }> {
  const orders = getDatabase().collection<StoredOrder>(Collections.orders);
  const condition = { openid: query.openid };
  const pageSize = Math.min(query.pageSize, MAX_PAGE_SIZE);
  const [{ total }, { data }] = await Promise.all([
    orders.where(condition).count(),
    orders
      .where(condition)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip((query.page - 1) * pageSize)
      .limit(pageSize)
      .field(ORDER_FIELDS)
      .get(),
  ]);
  return { items: data.map(readOrder), total };
}

/** Places a new order (cabinet, 扫码点餐): built by newOrderRecord; a second write of the same id fails the transaction. */
export async function placeOrder(tx: Transaction, input: NewOrderInput): Promise<OrderRecord> {
  const order = newOrderRecord(input);
  if (input.table) order.table = input.table;
  await ordersOf(tx).add({ data: order });
  return order;
}

/**
 * A new order written on its own (nothing else changes with it): one insert, idempotent on the
 * order id — when the id exists the stored order is returned (`created: false`).
 */
export async function placeOrderAlone(input: NewOrderInput): Promise<{ order: OrderRecord; created: boolean }> {
  const order = newOrderRecord(input);
  try {
    await getDatabase().collection<StoredOrder>(Collections.orders).add({ data: order });
    return { order, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await findOrder(order._id);
    if (!existing) throw error;
    return { order: existing, created: false };
  }
}

type OrderRef = OrderRecord | string;

async function resolve(tx: Transaction, order: OrderRef): Promise<OrderRecord | null> {
  return typeof order === 'string' ? txFindOrder(tx, order) : order;
}

const stateOf = (order: OrderRecord): OrderState => ({
  status: order.status,
  refundStatus: order.refundStatus ?? null,
  // table orders move through the kitchen statuses paid or not: the money is the paidAt fact
  paid: order.paidAt !== undefined || order.status === 'paid' || order.status === 'completed',
});

/** Runs `event` through the state machine and writes the new state with `fields`; returns the order as written. */
async function apply(tx: Transaction, ref: OrderRef, event: OrderEvent, fields: (next: OrderState) => Record<string, unknown>): Promise<OrderRecord | null> {
  const order = await resolve(tx, ref);
  if (!order) return null;
  const from = stateOf(order);
  const next = requireOrderTransition(from, event);
  const changes: Record<string, unknown> = { ...fields(next) };
  if (next.status !== from.status) changes.status = next.status;
  if (next.refundStatus !== from.refundStatus) changes.refundStatus = next.refundStatus;
  await ordersOf(tx).doc(order._id).update({ data: changes });
  return { ...order, ...changes, status: next.status, refundStatus: next.refundStatus } as OrderRecord;
}

/**
 * A payment claims the order (one open payment per order): its id and method go on the order, so
 * concurrent claims conflict on this document. The order must be payable.
 */
export async function attachPayment(tx: Transaction, ref: OrderRef, payment: { paymentId: string; method: string; at: Date }): Promise<OrderRecord | null> {
  const order = await resolve(tx, ref);
  if (!order) return null;
  if (!isPayableOrder(order)) throw new OrderTransitionError(stateOf(order), 'pay', 'not_payable');
  const changes = { paymentId: payment.paymentId, paymentMethod: payment.method, updatedAt: payment.at };
  await ordersOf(tx).doc(order._id).update({ data: changes });
  return { ...order, ...changes };
}

export interface PaidFacts {
  paymentId: string;
  method: string;
  /** what the diner paid (after member discounts) */
  paidFen: number;
  paidAt: Date;
  at: Date;
}

/** pending (or lapsed) → paid, with what paid it. */
export function markPaid(tx: Transaction, ref: OrderRef, paid: PaidFacts): Promise<OrderRecord | null> {
  return apply(tx, ref, { type: 'pay' }, (next) => ({
    status: next.status,
    paymentId: paid.paymentId,
    paymentMethod: paid.method,
    paidFen: paid.paidFen,
    paidAt: paid.paidAt,
    updatedAt: paid.at,
  }));
}

/** The store calls an unpaid order off (a cabinet order closed by staff review without charging). */
export function markCancelled(tx: Transaction, ref: OrderRef, at: Date): Promise<OrderRecord | null> {
  return apply(tx, ref, { type: 'cancel' }, () => ({ updatedAt: at }));
}

/** The cabinet's facts on its own order change (a reviewed order charged with gift tickets): no state change. */
export async function updateCabinetFacts(tx: Transaction, orderId: string, cabinet: CabinetOrderFacts, at: Date): Promise<void> {
  await ordersOf(tx)
    .doc(orderId)
    .update({ data: { cabinet, updatedAt: at } });
}

/** A refund of the order's payment started. */
export function markRefunding(tx: Transaction, ref: OrderRef, at: Date): Promise<OrderRecord | null> {
  return apply(tx, ref, { type: 'refund_requested' }, (next) => ({ refundStatus: next.refundStatus, updatedAt: at }));
}

export interface RefundedFacts {
  /** everything refunded so far, this refund included */
  refundedFen: number;
  /** a refund recorded as failed that WeChat completed after all (see OrderEvent) */
  reopened?: boolean;
  at: Date;
}

function markRefundSucceeded(tx: Transaction, ref: OrderRef, fully: boolean, refunded: RefundedFacts): Promise<OrderRecord | null> {
  return apply(tx, ref, { type: 'refund_succeeded', fully, reopened: refunded.reopened }, (next) => ({
    refundStatus: next.refundStatus,
    refundedFen: refunded.refundedFen,
    updatedAt: refunded.at,
  }));
}

/** The refund in progress finished and everything paid has been given back. */
export function markRefunded(tx: Transaction, ref: OrderRef, refunded: RefundedFacts): Promise<OrderRecord | null> {
  return markRefundSucceeded(tx, ref, true, refunded);
}

/** The refund in progress finished; part of the money is still the store's. */
export function markPartiallyRefunded(tx: Transaction, ref: OrderRef, refunded: RefundedFacts): Promise<OrderRecord | null> {
  return markRefundSucceeded(tx, ref, false, refunded);
}

/** The refund in progress failed: the order is as before it (partially refunded if earlier refunds gave money back). */
export function markRefundFailed(tx: Transaction, ref: OrderRef, failed: { refundedBefore: boolean; at: Date }): Promise<OrderRecord | null> {
  return apply(tx, ref, { type: 'refund_failed', refundedBefore: failed.refundedBefore }, (next) => ({
    refundStatus: next.refundStatus,
    updatedAt: failed.at,
  }));
}

// ---- table orders (扫码点餐) ---------------------------------------------------------------

/** The statuses of a table order the kitchen and the diner still follow. */
export const ACTIVE_TABLE_STATUSES = ['pending', 'paid', 'confirmed', 'preparing', 'serving'] as const;

/** A store's active table orders, oldest first (the kitchen board; at most 100, one read). */
export async function listActiveTableOrders(storeId: string): Promise<OrderRecord[]> {
  const db = getDatabase();
  const { data } = await db
    .collection<StoredOrder>(Collections.orders)
    .where({ storeId, source: 'table', status: db.command.in([...ACTIVE_TABLE_STATUSES]) })
    .orderBy('createdAt', 'asc')
    .limit(MAX_PAGE_SIZE)
    .get();
  return data.map(readOrder);
}

/** A table's active orders, newest first. */
export async function listActiveOrdersOfTable(tableId: string): Promise<OrderRecord[]> {
  const db = getDatabase();
  const { data } = await db
    .collection<StoredOrder>(Collections.orders)
    .where({ 'table.tableId': tableId, status: db.command.in([...ACTIVE_TABLE_STATUSES]) })
    .orderBy('createdAt', 'desc')
    .limit(20)
    .get();
  return data.map(readOrder);
}

/**
 * A table order change through the state machine: a kitchen step, 加菜, weighing, a counter
 * payment or a cancellation, with the table facts it changes (`table` is replaced whole: the
 * caller read it in this transaction). Returns the order as written.
 */
export function changeTableOrder(
  tx: Transaction,
  ref: OrderRef,
  event: OrderEvent,
  fields: { table: NonNullable<OrderRecord['table']>; items?: OrderRecord['items']; totalFen?: number; at: Date } & Partial<
    Pick<OrderRecord, 'paidFen' | 'paidAt' | 'paymentMethod' | 'paymentId'>
  >,
): Promise<OrderRecord | null> {
  const { at, ...rest } = fields;
  return apply(tx, ref, event, () => ({ ...rest, updatedAt: at }));
}
