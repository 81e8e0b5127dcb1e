import { Collections } from '../../../shared/collections';
import { getDatabase, isNotFound, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { PosOrderDoc } from '../domain/pos-order';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { replaceFields } from './replace-fields';
import { chunkForWrite } from './write-chunks';

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

/** Which of these orders exist: ids only, so reading back a chunk of big orders stays small. */
async function findExistingPosOrderIds(ids: readonly string[]): Promise<Set<string>> {
  const _ = getDatabase().command;
  const pages = await Promise.all(
    Array.from({ length: Math.ceil(ids.length / MAX_PAGE_SIZE) }, (_unused, i) =>
      orders()
        .where({ _id: _.in(ids.slice(i * MAX_PAGE_SIZE, (i + 1) * MAX_PAGE_SIZE)) })
        .field({ _id: true })
        .limit(MAX_PAGE_SIZE)
        .get(),
    ),
  );
  return new Set(pages.flatMap((page) => page.data.map((d) => d._id)));
}

/** Orders per bulk `add`: a typical 500-order batch is three writes. */
export const MAX_ORDERS_PER_ADD = 200;
/** JSON bytes per bulk `add`: a sixth of CloudBase's 6 MB request cap leaves room for the wire format. */
export const MAX_BYTES_PER_ADD = 1024 * 1024;
/** Chunks written at once: bounds the serialized bytes in flight (memory) without writing them one by one. */
const ADD_CONCURRENCY = 3;

/**
 * Many new orders, in bulk `add`s bounded by count and bytes (chunkForWrite): stored orders
 * are much larger than their request lines, so one `add` for a whole batch of big orders
 * would exceed the request cap. If a concurrent writer got one of a chunk's orders first, that
 * chunk fails as a whole; then each of its orders is added on its own so that exactly the
 * duplicates are reported. A chunk failing otherwise fails the call; chunks already written
 * stay, which is safe because a retried batch replays them (idempotent on `_id`).
 */
export async function insertPosOrders(docs: readonly PosOrderDoc[]): Promise<{ inserted: string[]; duplicates: string[] }> {
  const chunks = chunkForWrite(docs, MAX_ORDERS_PER_ADD, MAX_BYTES_PER_ADD);
  const inserted: string[] = [];
  for (let i = 0; i < chunks.length; i += ADD_CONCURRENCY) {
    for (const ids of await Promise.all(chunks.slice(i, i + ADD_CONCURRENCY).map(insertChunk))) inserted.push(...ids);
  }
  const insertedSet = new Set(inserted);
  return { inserted, duplicates: docs.map((d) => d._id).filter((id) => !insertedSet.has(id)) };
}

/** One bulk `add`; on a duplicate key, each order of the chunk on its own. Returns the ids written. */
async function insertChunk(chunk: PosOrderDoc[]): Promise<string[]> {
  try {
    await orders().add({ data: chunk });
    return chunk.map((d) => d._id);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const present = await findExistingPosOrderIds(chunk.map((d) => d._id));
  const outcomes = await Promise.all(chunk.filter((d) => !present.has(d._id)).map(async (d) => ({ id: d._id, outcome: await insertPosOrder(d) })));
  return outcomes.filter((o) => o.outcome === 'inserted').map((o) => o.id);
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
