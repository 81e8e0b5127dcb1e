import type { StaffMember } from '../kit/roles';
import { getDatabase } from './database';

export const STAFF_COLLECTION = 'staff';

export async function findStaffByOpenid(openid: string): Promise<StaffMember | null> {
  const { data } = await getDatabase().collection(STAFF_COLLECTION).where({ openid }).limit(1).get();
  return (data[0] as StaffMember | undefined) ?? null;
}
