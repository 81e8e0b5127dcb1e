import { Collections } from '../collections';
import { getDatabase, MAX_PAGE_SIZE } from './database';

/**
 * id → name of the stores a page of diner views mentions (orders, ledger rows), in one read; none
 * when the page names no store. Unknown ids are simply absent; a store without a name maps to ''.
 * The `stores` collection belongs to admin: this is a read, shared so contexts don't each write it.
 */
export async function findStoreNames(storeIds: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(storeIds.filter((id): id is string => !!id))].slice(0, MAX_PAGE_SIZE);
  if (ids.length === 0) return new Map();
  const db = getDatabase();
  const { data } = await db
    .collection<{ _id: string; name?: string }>(Collections.stores)
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .field({ _id: true, name: true })
    .get();
  return new Map(data.map((store) => [store._id, store.name ?? '']));
}
