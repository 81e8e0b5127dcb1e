import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';

/**
 * The stores' names for the diner's order views. Orders themselves are read through the order
 * kernel (shared/orders), the only code that touches the `orders` collection.
 */

/** id → name for up to MAX_PAGE_SIZE stores in one get; unknown ids are simply absent. */
export async function findStoreNames(storeIds: string[]): Promise<Map<string, string>> {
  if (storeIds.length === 0) return new Map();
  const db = getDatabase();
  const { data } = await db
    .collection<{ _id: string; name?: string }>(Collections.stores)
    .where({ _id: db.command.in(storeIds.slice(0, MAX_PAGE_SIZE)) })
    .limit(MAX_PAGE_SIZE)
    .field({ _id: true, name: true })
    .get();
  return new Map(data.map((store) => [store._id, store.name ?? '']));
}
