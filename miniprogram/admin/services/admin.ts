import { api } from '../../services/api';

export type { ListMyStoresResult, StoreDetail, StoreSummary } from '../../../typings/api/admin';

/** Stores the calling staff member manages (admins: all). Staff only; others get 40301. */
export function listMyStores(page = 1, pageSize = 20) {
  return api.admin.listMyStores({ page, pageSize });
}

export function getStore(storeId: string) {
  return api.admin.getStore({ storeId });
}

/**
 * Names of the stores the caller manages, by id, for pages that hold only a storeId (收银接入):
 * staff read 「气候餐厅（示范店）」, not `rest_123456`. One page of the widest size: a staff
 * member manages far fewer stores than that.
 */
export async function storeNames(): Promise<Record<string, string>> {
  const { items } = await listMyStores(1, 100);
  return Object.fromEntries(items.map((store) => [store._id, store.name]));
}

/** The store's name, or 其他门店 for one outside the caller's list (never the raw id). */
export function storeNameOf(names: Record<string, string>, storeId: string): string {
  return names[storeId] ?? '其他门店';
}
