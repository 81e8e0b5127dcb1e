import { AppError, CommonErrors } from './errors';
import type { Caller } from './caller';
import type { StaffRole } from '../../../typings/api/common';

export { MANAGER_ROLES, STAFF_ROLES, type StaffRole } from '../../../typings/api/common';

export interface StaffMember {
  _id: string;
  openid: string;
  name: string;
  role: StaffRole;
  storeIds: string[];
  status: 'active' | 'disabled';
}

export function requireOpenid(caller: Caller): string {
  if (!caller.openid) throw new AppError(CommonErrors.UNAUTHENTICATED);
  return caller.openid;
}

/** Checks a loaded staff record against the roles an action allows (and a store, if given). */
export function assertStaffAccess(staff: StaffMember | null, roles: readonly StaffRole[], storeId?: string): StaffMember {
  if (!staff || staff.status !== 'active') throw new AppError(CommonErrors.FORBIDDEN, { message: '仅限员工使用' });
  if (!roles.includes(staff.role)) throw new AppError(CommonErrors.FORBIDDEN, { message: `需要角色: ${roles.join('/')}` });
  if (storeId && staff.role !== 'admin' && !staff.storeIds.includes(storeId)) {
    throw new AppError(CommonErrors.FORBIDDEN, { message: '无权操作该门店' });
  }
  return staff;
}

export function canSeeStore(staff: StaffMember, storeId: string): boolean {
  return staff.role === 'admin' || staff.storeIds.includes(storeId);
}
