import { Collections } from '../../../shared/collections';
import { appendAuditInTransaction, type FlatAuditEntry } from '../../../shared/audit/audit-log';
import { findById, getDatabase, MAX_PAGE_SIZE, txFindById } from '../../../shared/repositories/database';
import { runInTransaction } from '../../../shared/repositories/transaction';
import type { StoreRecord } from '../domain/store-views';

export type { StoreRecord } from '../domain/store-views';

export interface StorePageQuery {
  page: number;
  pageSize: number;
  /** undefined = every store (admins); otherwise only these ids */
  storeIds?: string[];
}

const SUMMARY_FIELDS = { _id: true, name: true, address: true } as const;
const stores = () => getDatabase().collection<StoreRecord>(Collections.stores);

/** One page of stores plus the total, ordered by id so pages are stable. */
export async function listStores(query: StorePageQuery): Promise<{ items: StoreRecord[]; total: number }> {
  const db = getDatabase();
  const condition = query.storeIds ? { _id: db.command.in(query.storeIds) } : {};
  const [{ total }, { data }] = await Promise.all([
    stores().where(condition).count(),
    stores()
      .where(condition)
      .orderBy('_id', 'asc')
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .field(SUMMARY_FIELDS)
      .get(),
  ]);
  return { items: data, total };
}

export const findStoreById = (storeId: string) => findById<StoreRecord>(Collections.stores, storeId);

export async function findStoreByCode(code: string): Promise<StoreRecord | null> {
  const { data } = await stores().where({ code }).limit(1).get();
  return data[0] ?? null;
}

/** The open stores for the diner's picker: at most one server-side page (a brand has far fewer). */
export async function listActiveStores(): Promise<StoreRecord[]> {
  const { data } = await stores().where({ status: 'active' }).orderBy('_id', 'asc').limit(MAX_PAGE_SIZE).get();
  return data;
}

/** Which of these ids are stores. */
export async function existingStoreIds(ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { data } = await stores()
    .where({ _id: getDatabase().command.in([...new Set(ids)]) })
    .limit(MAX_PAGE_SIZE)
    .field({ _id: true })
    .get();
  return new Set(data.map((store) => store._id));
}

export async function countStoreDevices(storeId: string): Promise<number> {
  const { total } = await getDatabase().collection(Collections.devices).where({ storeId }).count();
  return total;
}

/** Creates the store unless its id is taken (false); the audit entry commits with it. */
export async function insertStore(store: StoreRecord, audit: FlatAuditEntry): Promise<boolean> {
  return runInTransaction(async (tx) => {
    if (await txFindById(tx, Collections.stores, store._id)) return false;
    const { _id, ...data } = store;
    await tx.collection(Collections.stores).doc(_id).set({ data });
    await appendAuditInTransaction(tx, audit);
    return true;
  });
}

/** Applies `patch` to the stored store (null when it does not exist) with its audit entry, in one transaction. */
export async function patchStore(
  storeId: string,
  patch: (current: StoreRecord) => Partial<StoreRecord>,
  audit: (before: StoreRecord) => FlatAuditEntry,
): Promise<StoreRecord | null> {
  return runInTransaction(async (tx) => {
    const current = await txFindById<StoreRecord>(tx, Collections.stores, storeId);
    if (!current) return null;
    const changes = { ...patch(current), updatedAt: new Date() };
    await tx.collection(Collections.stores).doc(storeId).update({ data: changes });
    await appendAuditInTransaction(tx, audit(current));
    return { ...current, ...changes, _id: storeId };
  });
}
