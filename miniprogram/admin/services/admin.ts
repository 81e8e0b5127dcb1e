import { api } from '../../services/api';

export type { ListMyStoresResult, StoreDetail, StoreSummary } from '../../../typings/api/admin';

/** Stores the calling staff member manages (admins: all). Staff only; others get 40301. */
export function listMyStores(page = 1, pageSize = 20) {
  return api.admin.listMyStores({ page, pageSize });
}

export function getStore(storeId: string) {
  return api.admin.getStore({ storeId });
}
