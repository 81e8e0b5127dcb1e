/**
 * Contract of the `admin` context (stores, devices, staff back office). The function implements it
 * (cloudfunctions/admin/src/index.ts); the mini-program calls it through `api.admin` (type-only).
 */
import { z } from 'zod';
import { idSchema, pageInputShape, STAFF_ROLES, type Page } from './common';
import { action, defineContract, pingSpec, returns } from './contract';

export interface StoreSummary {
  _id: string;
  name: string;
  address: string;
  /** filled where the action counts devices (getStore); absent in lists */
  deviceCount?: number;
}

export interface StoreDetail extends StoreSummary {
  code: string | null;
  phone: string | null;
  type: string | null;
  status: string;
  deviceCount: number;
}

export type ListMyStoresResult = Page<StoreSummary>;

export const adminContract = defineContract({
  name: 'admin',
  errors: { from: 95, to: 99 },
  actions: {
    ping: pingSpec,
    listMyStores: action({
      summary: '当前员工可管理的门店（管理员：全部）',
      roles: STAFF_ROLES,
      input: z.object(pageInputShape).strict(),
      reply: returns<ListMyStoresResult>(),
    }),
    getStore: action({
      summary: '一个门店及其设备数；按员工的门店范围检查',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: idSchema }).strict(),
      reply: returns<StoreDetail>(),
    }),
  },
});
export type AdminContract = typeof adminContract;
export type ListMyStoresInput = z.input<typeof adminContract.actions.listMyStores.input>;
export type GetStoreInput = z.input<typeof adminContract.actions.getStore.input>;
