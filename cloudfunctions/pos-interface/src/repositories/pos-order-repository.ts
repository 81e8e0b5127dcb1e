import { Collections } from '../../../shared/collections';
import { getDatabase, isNotFound, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { PosOrderDoc } from '../domain/pos-order';
import { isDuplicateKeyError } from './duplicate-key';
import { replaceFields } from './replace-fields';

const orders = () => getDatabase().collection<PosOrderDoc>(Collections.posOrders);

/** One round trip; the `_id` is the idempotency key, so a second writer gets 'duplicate'. */
export async function insertPosOrder(doc: PosOrderDoc): Promise<'inserted' | 'duplicate'> {
  try {
    await orders().add({ data: doc });
    return 'inserted';
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate';
    throw error;
  }
}

export async function getPosOrder(id: string): Promise<PosOrderDoc | null> {
  try {
    const { data } = await orders().doc(id).get();
    return data ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** `_id in [...]` in pages of 100 (the server-side read cap), pages fetched in parallel. */
export async function findPosOrdersByIds(ids: readonly string[]): Promise<PosOrderDoc[]> {
  const _ = getDatabase().command;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_PAGE_SIZE) chunks.push(ids.slice(i, i + MAX_PAGE_SIZE));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      orders()
        .where({ _id: _.in(chunk) })
        .limit(MAX_PAGE_SIZE)
        .get(),
    ),
  );
  return pages.flatMap((page) => page.data);
}

/**
 * Many new orders in one `add`. If a concurrent writer got one of them first the whole insert
 * fails; then each is added on its own so that exactly the duplicates are reported.
 */
export async function insertPosOrders(docs: readonly PosOrderDoc[]): Promise<{ inserted: string[]; duplicates: string[] }> {
  if (docs.length === 0) return { inserted: [], duplicates: [] };
  try {
    await orders().add({ data: [...docs] });
    return { inserted: docs.map((d) => d._id), duplicates: [] };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const present = new Set((await findPosOrdersByIds(docs.map((d) => d._id))).map((d) => d._id));
  const outcomes = await Promise.all(docs.filter((d) => !present.has(d._id)).map(async (d) => ({ id: d._id, outcome: await insertPosOrder(d) })));
  const inserted = outcomes.filter((o) => o.outcome === 'inserted').map((o) => o.id);
  const insertedSet = new Set(inserted);
  return { inserted, duplicates: docs.map((d) => d._id).filter((id) => !insertedSet.has(id)) };
}

/** Applies a refund/void only if the order is still a sale: false when another request won. */
export async function reversePosOrder(id: string, patch: Partial<PosOrderDoc>): Promise<boolean> {
  const { stats } = await orders()
    .where({ _id: id, transactionType: 'sale' })
    .update({ data: replaceFields(patch) });
  return stats.updated === 1;
}

/** Due pending orders, least recently tried first, so orders that stay pending cannot starve new ones. */
export async function findPendingCarbonOrders(now: Date, limit = MAX_PAGE_SIZE): Promise<PosOrderDoc[]> {
  const _ = getDatabase().command;
  const { data } = await orders()
    .where({ carbonStatus: 'pending', carbonNextCheckAt: _.lte(now) })
    .orderBy('carbonNextCheckAt', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** Conditional on still pending, so two timer runs never both report the same order. */
export async function completePendingCarbon(id: string, patch: Partial<PosOrderDoc>): Promise<boolean> {
  const { stats } = await orders()
    .where({ _id: id, carbonStatus: 'pending' })
    .update({ data: replaceFields(patch) });
  return stats.updated === 1;
}

export async function touchPendingCarbon(id: string, patch: Partial<PosOrderDoc>): Promise<void> {
  await orders()
    .where({ _id: id, carbonStatus: 'pending' })
    .update({ data: replaceFields(patch) });
}
