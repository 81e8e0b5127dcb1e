/**
 * The order-sync use case: one order or a batch from a POS, idempotent per orderId, carbon from
 * the menu (warm cache), sale → refund/void reversals. HTTP routes (single, batch, vendor push)
 * parse and authenticate, then call this; it knows nothing about HTTP.
 */
import { AppError, type Logger } from '../../../shared/kit';
import type { PosIntegration } from '../domain/integration';
import { menuItemDocId, type MenuItemDoc } from '../domain/menu-item';
import { normaliseOrder, OrderSyncSchema, posOrderId, type NormalisedOrder, type OrderSyncInput } from '../domain/order';
import { decideOnExisting, fingerprintOrder } from '../domain/order-idempotency';
import { buildPosOrderDoc, computeOrderCarbon, MENU_UNAVAILABLE, orderSyncReply, type OrderSyncReply, type PosOrderDoc } from '../domain/pos-order';
import { Errors } from '../errors';
import { findPosOrdersByIds, getPosOrder, insertPosOrder, insertPosOrders, reversePosOrder } from '../repositories/pos-order-repository';
import { describeIssue, formatPath } from '../../../shared/kit/validation';

/**
 * A batch result names the failing field once, with its full path (`items.0.unitPrice 最多两位小数`,
 * not `items.0.unitPrice unitPrice最多两位小数`): the POS must know which order line failed.
 */
export function batchIssueMessage(path: string, message: string): string {
  const field = path.split('.').pop() ?? path;
  if (path !== '(root)' && field && message.startsWith(field)) return `${path} ${message.slice(field.length).trimStart()}`;
  return describeIssue(path, message);
}
import { loadMenuItems } from './menu-cache';

export const MAX_ORDERS_PER_BATCH = 500;

export type OrderOutcome = 'created' | 'replayed' | 'reversed';

function assertRestaurant(integration: PosIntegration, restaurantId: string): void {
  if (restaurantId !== integration.restaurantId) {
    throw new AppError(Errors.RESTAURANT_MISMATCH, { details: { field: 'restaurantId' } });
  }
}

function menuIdsOf(storeId: string, orders: readonly NormalisedOrder[]): string[] {
  return orders.flatMap((order) => order.items.map((item) => menuItemDocId(storeId, item.menuItemId)));
}

export interface SyncOptions {
  now?: Date;
  log?: Logger;
}

/**
 * The dishes' menu items, or null when the menu cannot be read. Carbon is not what the POS
 * came for: the orders are taken anyway, with carbon pending (seed 五.5.2), and the timer
 * computes it later. Only the menu read degrades; a failing order write still fails the request.
 */
async function readMenu(ids: readonly string[], log: Logger | undefined): Promise<ReadonlyMap<string, MenuItemDoc> | null> {
  try {
    return await loadMenuItems(ids);
  } catch (error) {
    log?.warn('menu read failed; orders stored with carbon pending', { error: (error as Error)?.message });
    return null;
  }
}

function newOrderDoc(integration: PosIntegration, order: NormalisedOrder, menu: ReadonlyMap<string, MenuItemDoc> | null, now: Date): PosOrderDoc {
  return buildPosOrderDoc({
    integrationId: integration._id,
    storeId: integration.storeId,
    order,
    fingerprints: fingerprintOrder(order),
    outcome: menu ? computeOrderCarbon(order, integration.storeId, menu) : MENU_UNAVAILABLE,
    now,
  });
}

/**
 * The same orderId again: a replay returns what is stored, a sale → refund/void stores the
 * reversal (compare-and-set on "still a sale", retried if another request moved it first),
 * anything else is a 409.
 */
async function settleExisting(stored: PosOrderDoc, incoming: NormalisedOrder, now: Date): Promise<{ doc: PosOrderDoc; outcome: OrderOutcome }> {
  let current: PosOrderDoc | null = stored;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    const decision = decideOnExisting(current, { transactionType: incoming.transactionType, fingerprints: fingerprintOrder(incoming) });
    if (decision.kind === 'replay') return { doc: current, outcome: 'replayed' };
    if (decision.kind === 'conflict')
      throw new AppError(Errors.ORDER_CONFLICT, { message: `${Errors.ORDER_CONFLICT.message}：${decision.reason}`, details: { orderId: incoming.orderId } });
    const patch: Partial<PosOrderDoc> = {
      transactionType: decision.to,
      reversal: { transactionType: decision.to, reversedAt: now, amountFen: -current.totalAmountFen },
      processedAt: now,
      updatedAt: now,
    };
    if (await reversePosOrder(current._id, patch)) return { doc: { ...current, ...patch }, outcome: 'reversed' };
    current = await getPosOrder(current._id);
  }
  throw new AppError(Errors.ORDER_CONFLICT, { details: { orderId: incoming.orderId } });
}

/**
 * One order. Happy path: the menu read (usually served by the warm cache) and one `add` whose
 * `_id` is the idempotency key; a duplicate costs one more read.
 */
export async function syncOneOrder(
  integration: PosIntegration,
  input: OrderSyncInput,
  { now = new Date(), log }: SyncOptions = {},
): Promise<{ reply: OrderSyncReply; outcome: OrderOutcome }> {
  assertRestaurant(integration, input.restaurantId);
  const order = normaliseOrder(input);
  const menu = await readMenu(menuIdsOf(integration.storeId, [order]), log);
  const doc = newOrderDoc(integration, order, menu, now);
  if ((await insertPosOrder(doc)) === 'inserted') return { reply: orderSyncReply(doc), outcome: 'created' };
  const stored = await getPosOrder(doc._id);
  if (!stored) throw new AppError(Errors.ORDER_CONFLICT, { details: { orderId: order.orderId } });
  const settled = await settleExisting(stored, order, now);
  return { reply: orderSyncReply(settled.doc), outcome: settled.outcome };
}

export interface BatchResult {
  index: number;
  orderId: string | null;
  code: number;
  message: string;
  outcome?: OrderOutcome;
  data: OrderSyncReply | null;
}

/**
 * Up to 500 orders with bulk database work: one `_id in` read per 100 orders, one menu read
 * per 100 distinct dishes, one bulk `add` for the new orders; only reversals are written one
 * by one (each is a compare-and-set). Each order succeeds or fails on its own.
 */
export async function syncOrderBatch(
  integration: PosIntegration,
  rawOrders: readonly unknown[],
  { now = new Date(), log }: SyncOptions = {},
): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(rawOrders.length);
  const accepted: { index: number; order: NormalisedOrder }[] = [];
  const firstIndexOf = new Map<string, number>();

  rawOrders.forEach((raw, index) => {
    const rawId = (raw as { orderId?: unknown } | null)?.orderId;
    const orderId = typeof rawId === 'string' ? rawId : null;
    const parsed = OrderSyncSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      results[index] = { index, orderId, code: 40001, message: `参数校验失败: ${batchIssueMessage(formatPath(issue.path), issue.message)}`, data: null };
      return;
    }
    if (parsed.data.restaurantId !== integration.restaurantId) {
      results[index] = { index, orderId, code: Errors.RESTAURANT_MISMATCH.code, message: Errors.RESTAURANT_MISMATCH.message, data: null };
      return;
    }
    const order = normaliseOrder(parsed.data);
    const first = firstIndexOf.get(order.orderId);
    if (first !== undefined) {
      // A repeated orderId inside one batch is settled against its first occurrence below.
      accepted.push({ index, order });
      return;
    }
    firstIndexOf.set(order.orderId, index);
    accepted.push({ index, order });
  });

  const ids = [...firstIndexOf.keys()].map((orderId) => posOrderId(integration._id, orderId));
  const [existingDocs, menu] = await Promise.all([
    findPosOrdersByIds(ids),
    readMenu(
      menuIdsOf(
        integration.storeId,
        accepted.map((a) => a.order),
      ),
      log,
    ),
  ]);
  const stored = new Map(existingDocs.map((doc) => [doc._id, doc]));

  const fresh: { index: number; order: NormalisedOrder; doc: PosOrderDoc }[] = [];
  const later: { index: number; order: NormalisedOrder }[] = [];
  for (const { index, order } of accepted) {
    const id = posOrderId(integration._id, order.orderId);
    if (stored.has(id) || firstIndexOf.get(order.orderId) !== index) later.push({ index, order });
    else fresh.push({ index, order, doc: newOrderDoc(integration, order, menu, now) });
  }

  const { inserted } = await insertPosOrders(fresh.map((f) => f.doc));
  const insertedSet = new Set(inserted);
  for (const { index, order, doc } of fresh) {
    if (insertedSet.has(doc._id)) {
      results[index] = { index, orderId: doc.orderId, code: 0, message: '订单处理成功', outcome: 'created', data: orderSyncReply(doc) };
      stored.set(doc._id, doc);
    } else {
      // Lost a race with a concurrent request: settle it like a repeat.
      later.push({ index, order });
    }
  }

  // Repeats are rare; settle them in order so two repeats of one orderId see each other's writes.
  for (const { index, order } of later.sort((a, b) => a.index - b.index)) {
    const id = posOrderId(integration._id, order.orderId);
    try {
      const current = stored.get(id) ?? (await getPosOrder(id));
      if (!current) throw new AppError(Errors.ORDER_CONFLICT, { details: { orderId: order.orderId } });
      const settled = await settleExisting(current, order, now);
      stored.set(id, settled.doc);
      results[index] = { index, orderId: order.orderId, code: 0, message: '订单处理成功', outcome: settled.outcome, data: orderSyncReply(settled.doc) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results[index] = { index, orderId: order.orderId, code: error.code, message: error.message, data: null };
    }
  }
  return results;
}
