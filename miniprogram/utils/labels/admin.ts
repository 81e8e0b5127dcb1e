/**
 * Chinese labels of the admin context (stores, staff back office). The contract types a store's
 * status as a string (stores written by hand or imported may carry others), so unknown values
 * are shown as they are.
 */
export const STORE_STATUS_LABELS: Record<string, string> = { active: '营业中', disabled: '已停用', closed: '已关店' };

export function storeStatusLabel(status: string): string {
  return STORE_STATUS_LABELS[status] ?? status;
}

import type { InvitationStatus, StaffStatus } from '../../../typings/api/admin';
import type { StaffRole } from '../../../typings/api/common';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = { admin: '管理员', manager: '店长', clerk: '店员' };
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = { pending: '待接受', accepted: '已接受', disabled: '已作废', expired: '已过期' };
export const STAFF_STATUS_LABELS: Record<StaffStatus, string> = { active: '在职', disabled: '已停用' };
