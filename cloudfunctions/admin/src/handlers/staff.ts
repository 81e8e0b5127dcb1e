import { adminContract } from '../../../../typings/api/admin';
import { AppError, CommonErrors, implement } from '../../../shared/kit';
import { refuseStaffChange } from '../domain/staff-policy';
import { Errors } from '../errors';
import type { StaffRecord } from '../repositories/invitation-repository';
import { countActiveAdmins, findStaffById, listStaff as queryStaff, updateStaffRecord } from '../repositories/staff-admin-repository';
import { adminAudit } from './audit-entry';
import { toStaffView } from './invitations';
import { assertStoresExist } from './stores';

export const listStaff = implement(adminContract.actions.listStaff, async (input, ctx) => {
  let storeIds: string[] | undefined;
  if (ctx.staff.role === 'admin') storeIds = input.storeId ? [input.storeId] : undefined;
  else if (input.storeId) {
    if (!ctx.staff.storeIds.includes(input.storeId)) throw new AppError(CommonErrors.FORBIDDEN, { message: '无权查看该门店', details: { field: 'storeId' } });
    storeIds = [input.storeId];
  } else storeIds = [...new Set(ctx.staff.storeIds)];
  if (storeIds && storeIds.length === 0) return { items: [], total: 0, page: input.page, pageSize: input.pageSize, hasMore: false };
  const page = await queryStaff(storeIds, input.page, input.pageSize);
  return { ...page, items: page.items.map(toStaffView) };
});

export const updateStaff = implement(adminContract.actions.updateStaff, async (input, ctx) => {
  const target = await findStaffById(input.staffId);
  if (!target) throw new AppError(Errors.STAFF_NOT_FOUND, { details: { field: 'staffId' } });
  const change = { role: input.role, storeIds: input.storeIds ? [...new Set(input.storeIds)] : undefined, status: input.status };
  const activeAdmins = target.role === 'admin' ? await countActiveAdmins() : Number.POSITIVE_INFINITY;
  const refused = refuseStaffChange(ctx.staff, target, change, activeAdmins);
  if (refused) throw new AppError(Errors.STAFF_CHANGE_FORBIDDEN, { message: refused, details: { field: 'staffId' } });
  if (change.storeIds) await assertStoresExist(change.storeIds);
  const fields = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<StaffRecord>;
  const before = Object.fromEntries(Object.keys(fields).map((key) => [key, (target as unknown as Record<string, unknown>)[key] ?? null]));
  const updated = await updateStaffRecord(
    target._id,
    fields,
    adminAudit(ctx.staff, 'staff.update', { type: 'staff', id: target._id }, { before, after: fields }, (change.storeIds ?? target.storeIds)[0]),
  );
  if (!updated) throw new AppError(Errors.STAFF_NOT_FOUND, { details: { field: 'staffId' } });
  return toStaffView(updated);
});
