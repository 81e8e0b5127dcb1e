import { AppError, CommonErrors } from '../../../shared/kit/errors';
import { findStoreNames } from '../../../shared/repositories/store-names';
import { writeLiveGrant } from '../repositories/live-grants-repository';

/** How long a kitchen board may watch its store without asking again (a shift). */
export const STORE_LIVE_GRANT_MS = 12 * 3600_000;
/** How long a diner may watch the table's cart and orders after opening its code (a meal). */
export const TABLE_LIVE_GRANT_MS = 4 * 3600_000;

/**
 * Lets a staff member's mini-program read the store's live orders (the `orders` rule reads the
 * grant). The kit has already checked that the caller is active staff of this store.
 */
export async function grantStoreLive(openid: string, storeId: string, now = new Date()): Promise<{ storeId: string; expiresAt: Date }> {
  // An admin may name any store: only a store that exists gets a grant (its id is also the
  // grant's field name, so an id that is no store's never reaches the update).
  if (!(await findStoreNames([storeId])).has(storeId)) throw new AppError(CommonErrors.NOT_FOUND, { message: '门店不存在', details: { field: 'storeId' } });
  const expiresAt = new Date(now.getTime() + STORE_LIVE_GRANT_MS);
  await writeLiveGrant(openid, 'stores', storeId, expiresAt.getTime(), now);
  return { storeId, expiresAt };
}

/**
 * Lets a diner read the table's cart lines and orders live. Call after the table key was
 * verified (resolveTable / getTableCart): holding a valid code is what seats you at the table.
 * One round trip (two on the user's first grant).
 */
export async function grantTableLive(openid: string, tableId: string, now = new Date()): Promise<{ tableId: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + TABLE_LIVE_GRANT_MS);
  await writeLiveGrant(openid, 'tables', tableId, expiresAt.getTime(), now);
  return { tableId, expiresAt };
}
