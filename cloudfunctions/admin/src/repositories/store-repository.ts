import { Collections } from '../../../shared/collections';
import { findById, getDatabase } from '../../../shared/repositories/database';

export interface StoreRecord {
  _id: string;
  name: string;
  address?: string;
  code?: string;
  phone?: string;
  type?: string;
  status?: string;
}

export interface StorePageQuery {
  page: number;
  pageSize: number;
  /** undefined = every store (admins); otherwise only these ids */
  storeIds?: string[];
}

const SUMMARY_FIELDS = { _id: true, name: true, address: true } as const;

/** One page of stores plus the total, ordered by id so pages are stable. */
export async function listStores(query: StorePageQuery): Promise<{ items: StoreRecord[]; total: number }> {
  const db = getDatabase();
  const condition = query.storeIds ? { _id: db.command.in(query.storeIds) } : {};
  const stores = db.collection<StoreRecord>(Collections.stores);
  const [{ total }, { data }] = await Promise.all([
    stores.where(condition).count(),
    stores
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

export async function countStoreDevices(storeId: string): Promise<number> {
  const { total } = await getDatabase().collection(Collections.devices).where({ storeId }).count();
  return total;
}
