import { z } from 'zod';
import type { ListMyStoresResult, StoreDetail, StoreSummary } from '../../../../typings/api/stores';
import { AppError, CommonErrors, defineAction, STAFF_ROLES } from '../../../shared/kit';
import { MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import { countStoreDevices, findStoreById, listStores, type StoreRecord } from '../repositories/store-repository';

const toSummary = (store: StoreRecord): StoreSummary => ({ _id: store._id, name: store.name, address: store.address ?? '' });

/** The stores the calling staff member may manage: admins all of them, others their storeIds. */
export const listMyStoresAction = defineAction({
  roles: STAFF_ROLES,
  input: z
    .object({
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    })
    .strict(),
  handler: async (input, ctx): Promise<ListMyStoresResult> => {
    const staff = ctx.staff!; // loaded by the kit because the action declares roles
    const storeIds = staff.role === 'admin' ? undefined : [...new Set(staff.storeIds ?? [])];
    // A clerk without stores sees an empty list; no query needed.
    const { items, total } =
      storeIds && storeIds.length === 0 ? { items: [], total: 0 } : await listStores({ page: input.page, pageSize: input.pageSize, storeIds });
    return {
      items: items.map(toSummary),
      total,
      page: input.page,
      pageSize: input.pageSize,
      hasMore: (input.page - 1) * input.pageSize + items.length < total,
    };
  },
});

/** One store with its device count; the kit checks the store against the caller's storeIds. */
export const getStoreAction = defineAction({
  roles: STAFF_ROLES,
  storeField: 'storeId',
  input: z.object({ storeId: z.string().min(1).max(64) }).strict(),
  handler: async (input): Promise<StoreDetail> => {
    const store = await findStoreById(input.storeId);
    if (!store) throw new AppError(CommonErrors.NOT_FOUND, { message: '门店不存在', details: { field: 'storeId' } });
    const deviceCount = await countStoreDevices(store._id);
    return {
      ...toSummary(store),
      code: store.code ?? null,
      phone: store.phone ?? null,
      type: store.type ?? null,
      status: store.status ?? 'active',
      deviceCount,
    };
  },
});
