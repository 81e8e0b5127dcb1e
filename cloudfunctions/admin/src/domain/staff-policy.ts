import type { StaffRole } from '../../../../typings/api/common';

/**
 * Who may grant what (pure): admins anything; a manager only manager/clerk roles and only stores
 * of their own; nobody changes their own record; the last active admin cannot be removed.
 * Each function returns the Chinese reason it refuses, or null when allowed.
 */
export interface Actor {
  openid: string;
  role: StaffRole;
  storeIds: readonly string[];
}

export interface StaffTarget {
  openid: string;
  role: StaffRole;
  storeIds: readonly string[];
  status: 'active' | 'disabled';
}

const within = (storeIds: readonly string[], allowed: readonly string[]) => storeIds.every((id) => allowed.includes(id));

export function refuseGrant(actor: Actor, role: StaffRole, storeIds: readonly string[]): string | null {
  if (actor.role === 'admin') return null;
  if (actor.role !== 'manager') return '只有管理员和店长可以邀请员工';
  if (role === 'admin') return '店长不能授予管理员角色';
  if (storeIds.length === 0) return '店长邀请的员工必须属于自己的门店';
  if (!within(storeIds, actor.storeIds)) return '店长只能授予自己门店的权限';
  return null;
}

export interface StaffChange {
  role?: StaffRole;
  storeIds?: readonly string[];
  status?: 'active' | 'disabled';
}

/** `activeAdmins`: how many active admins there are now (the target included if it is one). */
export function refuseStaffChange(actor: Actor, target: StaffTarget, change: StaffChange, activeAdmins: number): string | null {
  if (actor.openid === target.openid) return '不能修改自己的角色、门店或状态';
  if (actor.role !== 'admin') {
    if (target.role === 'admin') return '店长不能修改管理员';
    if (!within(target.storeIds, actor.storeIds)) return '店长只能管理自己门店的员工';
    const granted = refuseGrant(actor, change.role ?? target.role, change.storeIds ?? target.storeIds);
    if (granted) return granted;
  }
  const losesAdmin =
    target.role === 'admin' && target.status === 'active' && ((change.role !== undefined && change.role !== 'admin') || change.status === 'disabled');
  if (losesAdmin && activeAdmins <= 1) return '不能停用或降级最后一位管理员';
  return null;
}
