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

export type { BusinessHours, CreateStoreInput, InvitationStatus, UpdateStoreInput } from '../../../typings/api/admin';
import type {
  AuditLogView as ServerAuditLogView,
  CreatedInvitation as ServerCreatedInvitation,
  CreateInvitationInput,
  CreateStoreInput,
  InvitationStatus,
  InvitationView as ServerInvitationView,
  StaffView as ServerStaffView,
  UpdateStaffInput,
  UpdateStoreInput,
} from '../../../typings/api/admin';
import type { Wire } from '../../../typings/api/contract';

/** What the pages receive: instants as ISO strings. */
export type AuditLogView = Wire<ServerAuditLogView>;
export type CreatedInvitation = Wire<ServerCreatedInvitation>;
export type InvitationView = Wire<ServerInvitationView>;
export type StaffView = Wire<ServerStaffView>;

export const createStore = (input: CreateStoreInput) => api.admin.createStore(input);
export const updateStore = (input: UpdateStoreInput) => api.admin.updateStore(input);
export const setStoreStatus = (storeId: string, status: 'active' | 'closed') => api.admin.setStoreStatus({ storeId, status });

export const createInvitation = (input: CreateInvitationInput) => api.admin.createInvitation(input);
/** The invitee's side: binds the calling WeChat user (openid) as staff. */
export const acceptInvitation = (code: string) => api.admin.acceptInvitation({ code });
export const listInvitations = (page = 1, pageSize = 20, status?: InvitationStatus) =>
  api.admin.listInvitations({ page, pageSize, ...(status ? { status } : {}) });
export const disableInvitation = (invitationId: string) => api.admin.disableInvitation({ invitationId });
export const listStaff = (page = 1, pageSize = 20, storeId?: string) => api.admin.listStaff({ page, pageSize, ...(storeId ? { storeId } : {}) });
export const updateStaff = (input: UpdateStaffInput) => api.admin.updateStaff(input);
export const listAuditLogs = (page = 1, pageSize = 20, filter: { storeId?: string; actionPrefix?: string } = {}) =>
  api.admin.listAuditLogs({ page, pageSize, ...filter });
