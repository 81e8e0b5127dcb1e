import type { ListMyStoresResult, StoreDetail } from '../../../typings/api/stores';
import { callFunction } from '../../services/transport';

export type { ListMyStoresResult, StoreDetail };

/** Stores the calling staff member manages (admins: all). Staff only; others get 40301. */
export function listMyStores(page = 1, pageSize = 20): Promise<ListMyStoresResult> {
  return callFunction<ListMyStoresResult>('admin', 'listMyStores', { page, pageSize });
}

export function getStore(storeId: string): Promise<StoreDetail> {
  return callFunction<StoreDetail>('admin', 'getStore', { storeId });
}
