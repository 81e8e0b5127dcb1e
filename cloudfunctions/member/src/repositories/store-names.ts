import { Collections } from '../../../shared/collections';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';

/** The names of the stores a ledger page mentions: one read for the page, none when it names no store. */
export async function storeNamesOf(storeIds: readonly (string | undefined)[]): Promise<Map<string, string>> {
  const ids = [...new Set(storeIds.filter((id): id is string => !!id))].slice(0, MAX_PAGE_SIZE);
  if (ids.length === 0) return new Map();
  const db = getDatabase();
  const { data } = await db
    .collection<{ _id: string; name?: string }>(Collections.stores)
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get();
  return new Map(data.filter((store) => store.name).map((store) => [store._id, store.name as string]));
}
