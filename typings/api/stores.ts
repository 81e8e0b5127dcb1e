/** Contracts of the admin function's store actions (`listMyStores`, `getStore`). Type-only. */

export interface StoreSummary {
  _id: string;
  name: string;
  address: string;
  /** filled where the action counts devices (getStore); absent in lists */
  deviceCount?: number;
}

export interface ListMyStoresInput {
  /** 1-based */
  page?: number;
  /** at most 100: one server-side database read */
  pageSize?: number;
}

export interface ListMyStoresResult {
  items: StoreSummary[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface GetStoreInput {
  storeId: string;
}

export interface StoreDetail extends StoreSummary {
  code: string | null;
  phone: string | null;
  type: string | null;
  status: string;
  deviceCount: number;
}
