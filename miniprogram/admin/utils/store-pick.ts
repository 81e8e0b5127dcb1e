import { listMyStores } from '../services/admin';

export interface PickedStore {
  storeId: string;
  storeName: string;
  /** the stores the caller manages, for a switcher */
  stores: { value: string; label: string }[];
}

/**
 * The store a 扫码点餐 staff page works on: `?storeId=` when given (门店详情 opens it so), else the
 * first store the caller manages (工作台 opens it without one). null when the caller manages none.
 */
export async function pickStore(query: Record<string, string | undefined>): Promise<PickedStore | null> {
  const { items } = await listMyStores(1, 100);
  const stores = items.map((store) => ({ value: store._id, label: store.name }));
  const wanted = query.storeId ? stores.find((store) => store.value === query.storeId) : stores[0];
  if (wanted) return { storeId: wanted.value, storeName: wanted.label, stores };
  // a store outside the caller's list: the backend decides (it answers 40301 for a store they do not manage)
  return query.storeId ? { storeId: query.storeId, storeName: '', stores } : null;
}
