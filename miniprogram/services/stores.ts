import { api } from './api';
import type { PublicStore as ServerPublicStore } from '../../typings/api/admin';
import type { Wire } from '../../typings/api/contract';

export type PublicStore = Wire<ServerPublicStore>;

/** Open stores for the diner's picker, nearest first when a location is given. */
export function listOpenStores(location?: { latitude: number; longitude: number }, page = 1, pageSize = 50) {
  return api.admin.listOpenStores({ page, pageSize, ...(location ?? {}) });
}

/** A scanned store code → the store (closed or unknown stores fail with 40496). */
export function resolveStore(code: string) {
  return api.admin.resolveStore({ code });
}
