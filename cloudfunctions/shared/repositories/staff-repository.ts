import type { StaffMember } from '../kit/roles';
import { getDatabase } from './database';

export const STAFF_COLLECTION = 'staff';

/**
 * The staff record of an openid. One openid may have several records (an old disabled one and a
 * new active one, say); the cloud's natural order is not guaranteed, so the lookup is ordered:
 * the active record wins (lowest `_id` if there are several), and only when none is active is a
 * non-active record returned (so callers still see `status: 'disabled'`, as with a single record).
 */
export async function findStaffByOpenid(openid: string): Promise<StaffMember | null> {
  const staff = getDatabase().collection(STAFF_COLLECTION);
  const active = await staff.where({ openid, status: 'active' }).orderBy('_id', 'asc').limit(1).get();
  if (active.data[0]) return active.data[0] as StaffMember;
  const other = await staff.where({ openid }).orderBy('_id', 'asc').limit(1).get();
  return (other.data[0] as StaffMember | undefined) ?? null;
}
