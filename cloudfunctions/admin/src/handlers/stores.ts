import { adminContract } from '../../../../typings/api/admin';
import { AppError, CommonErrors, implement } from '../../../shared/kit';
import { toPage } from '../../../shared/repositories/database';
import { orderForPicker, storeIdOf, toDetail, toPublic, toSummary, type StoreRecord } from '../domain/store-views';
import { Errors } from '../errors';
import {
  countStoreDevices,
  existingStoreIds,
  findStoreByCode,
  findStoreById,
  insertStore,
  listActiveStores,
  listStores,
  patchStore,
} from '../repositories/store-repository';
import { adminAudit } from './audit-entry';

const notFound = () => new AppError(CommonErrors.NOT_FOUND, { message: '门店不存在', details: { field: 'storeId' } });

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
  if (!store) throw notFound();
  return toDetail(store, await countStoreDevices(store._id));
});

export const createStore = implement(adminContract.actions.createStore, async (input, ctx) => {
  if (await findStoreByCode(input.code)) throw new AppError(Errors.STORE_CODE_TAKEN, { details: { field: 'code' } });
  const now = new Date();
  const store: StoreRecord = { _id: storeIdOf(input.code), ...input, status: 'active', createdAt: now, updatedAt: now };
  const created = await insertStore(
    store,
    adminAudit(ctx.staff, 'store.create', { type: 'store', id: store._id }, { code: input.code, name: input.name }, store._id),
  );
  if (!created) throw new AppError(Errors.STORE_CODE_TAKEN, { details: { field: 'code' } });
  return toDetail(store, 0);
});

export const updateStore = implement(adminContract.actions.updateStore, async (input, ctx) => {
  const { storeId, ...changes } = input;
  const fields = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<StoreRecord>;
  const updated = await patchStore(
    storeId,
    () => fields,
    (before) =>
      adminAudit(
        ctx.staff,
        'store.update',
        { type: 'store', id: storeId },
        {
          fields: Object.keys(fields),
          before: Object.fromEntries(Object.keys(fields).map((key) => [key, (before as unknown as Record<string, unknown>)[key] ?? null])),
        },
        storeId,
      ),
  );
  if (!updated) throw notFound();
  return toDetail(updated, await countStoreDevices(storeId));
});

export const setStoreStatus = implement(adminContract.actions.setStoreStatus, async (input, ctx) => {
  const updated = await patchStore(
    input.storeId,
    () => ({ status: input.status }),
    (before) =>
      adminAudit(
        ctx.staff,
        input.status === 'closed' ? 'store.close' : 'store.reopen',
        { type: 'store', id: input.storeId },
        { from: before.status ?? 'active', to: input.status },
        input.storeId,
      ),
  );
  if (!updated) throw notFound();
  return toDetail(updated, await countStoreDevices(input.storeId));
});

/** The diner's store picker: open stores, nearest first when the phone shared its location. */
export const listOpenStores = implement(adminContract.actions.listOpenStores, async (input) => {
  const from = input.latitude !== undefined && input.longitude !== undefined ? { latitude: input.latitude, longitude: input.longitude } : undefined;
  const ordered = orderForPicker((await listActiveStores()).map((store) => toPublic(store, from)));
  const start = (input.page - 1) * input.pageSize;
  return toPage(ordered.slice(start, start + input.pageSize), ordered.length, input);
});

/** A scanned store code → the diner's current store (closed stores are not found). */
export const resolveStore = implement(adminContract.actions.resolveStore, async (input) => {
  const store = await findStoreByCode(input.code);
  if (!store || (store.status ?? 'active') !== 'active') throw new AppError(Errors.STORE_NOT_FOUND, { details: { field: 'code' } });
  return toPublic(store);
});

/** Every id names a store (invitations and staff changes must not grant unknown stores). */
export async function assertStoresExist(storeIds: readonly string[]): Promise<void> {
  const existing = await existingStoreIds(storeIds);
  const unknown = storeIds.findIndex((id) => !existing.has(id));
  if (unknown >= 0) throw new AppError(Errors.STORE_NOT_FOUND, { message: `门店不存在: ${storeIds[unknown]}`, details: { field: `storeIds.${unknown}` } });
}
