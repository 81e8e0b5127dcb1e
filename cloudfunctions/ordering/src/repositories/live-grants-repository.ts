import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';

/**
 * `live_grants/{openid}`: `{ stores: { [storeId]: expiresAtMs }, tables: { [tableId]: expiresAtMs } }`,
 * read by the security rules of the live collections (`get('database.live_grants.' + auth.openid)`).
 * Numbers (ms) because a rule compares them with `now`.
 */
export async function writeLiveGrant(openid: string, scope: 'stores' | 'tables', key: string, expiresAtMs: number, now: Date): Promise<void> {
  const grants = getDatabase().collection(Collections.liveGrants);
  const { stats } = await grants.doc(openid).update({ data: { [`${scope}.${key}`]: expiresAtMs, updatedAt: now } });
  if (stats.updated === 1) return;
  // First grant of this user: create the document.
  await grants.doc(openid).set({ data: { stores: {}, tables: {}, [scope]: { [key]: expiresAtMs }, updatedAt: now } });
}
