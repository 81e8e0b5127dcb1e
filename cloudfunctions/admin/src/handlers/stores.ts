import { adminContract, type StoreSummary } from '../../../../typings/api/admin';
import { AppError, CommonErrors, implement } from '../../../shared/kit';
import { countStoreDevices, findStoreById, listStores, type StoreRecord } from '../repositories/store-repository';
import { toPage } from '../../../shared/repositories/database';

const toSummary = (store: StoreRecord): StoreSummary => ({ _id: store._id, name: store.name, address: store.address ?? '' });

/** The stores the calling staff member may manage: admins all of them, others their storeIds. */
export const listMyStores = implement(adminContract.actions.listMyStores, async (input, ctx) => {
  const storeIds = ctx.staff.role === 'admin' ? undefined : [...new Set(ctx.staff.storeIds ?? [])];
  // A clerk without stores sees an empty list; no query needed.
  const { items, total } =
    storeIds && storeIds.length === 0 ? { items: [], total: 0 } : await listStores({ page: input.page, pageSize: input.pageSize, storeIds });
  return toPage(items.map(toSummary), total, input);
});

/** One store with its device count; the kit checks the store against the caller's storeIds. */
export const getStore = implement(adminContract.actions.getStore, async (input) => {
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
});
