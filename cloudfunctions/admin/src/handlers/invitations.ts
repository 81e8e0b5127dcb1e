import { randomBytes } from 'node:crypto';
import { adminContract, type InvitationView, type StaffView } from '../../../../typings/api/admin';
import { AppError, CommonErrors, implement, requireOpenid } from '../../../shared/kit';
import { findStaffByOpenid } from '../../../shared/repositories/staff-repository';
import { codeFromBytes, codeHint, formatCode, invitationIdOf, isWellFormedCode, normalizeCode, staffIdOf } from '../domain/invitation-code';
import { refuseGrant } from '../domain/staff-policy';
import { Errors } from '../errors';
import {
  acceptInvitation as acceptInTransaction,
  disableInvitation as disableInTransaction,
  findInvitation,
  insertInvitation,
  listInvitations as queryInvitations,
  type InvitationRecord,
  type StaffRecord,
} from '../repositories/invitation-repository';
import { adminAudit } from './audit-entry';
import { assertStoresExist } from './stores';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The accept page; the code travels in the query (share card) or the QR scene. */
export const ACCEPT_PAGE = 'admin/pages/staff/accept/index';

export function toInvitationView(record: InvitationRecord, now = new Date()): InvitationView {
  const expired = record.status === 'pending' && new Date(record.expiresAt).getTime() <= now.getTime();
  return {
    _id: record._id,
    role: record.role,
    storeIds: record.storeIds,
    name: record.name,
    status: expired ? 'expired' : record.status,
    codeHint: record.codeHint,
    createdBy: record.createdBy.name,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    acceptedAt: record.acceptedAt ?? null,
    bootstrap: record.bootstrap === true,
  };
}

export function toStaffView(record: StaffRecord): StaffView {
  return {
    _id: record._id,
    openid: record.openid,
    name: record.name,
    role: record.role,
    storeIds: record.storeIds ?? [],
    status: record.status,
    createdAt: record.createdAt ?? null,
  };
}

const forbid = (reason: string, field?: string) => new AppError(Errors.STAFF_CHANGE_FORBIDDEN, { message: reason, ...(field ? { details: { field } } : {}) });

export const createInvitation = implement(adminContract.actions.createInvitation, async (input, ctx) => {
  const storeIds = [...new Set(input.storeIds)];
  const refused = refuseGrant(ctx.staff, input.role, storeIds);
  if (refused) throw forbid(refused, input.role === 'admin' ? 'role' : 'storeIds');
  await assertStoresExist(storeIds);
  const code = codeFromBytes(randomBytes(16));
  const now = new Date();
  const record: InvitationRecord = {
    _id: invitationIdOf(code),
    role: input.role,
    storeIds,
    name: input.name,
    status: 'pending',
    codeHint: codeHint(code),
    createdBy: { openid: ctx.staff.openid, name: ctx.staff.name },
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.validDays * DAY_MS),
    acceptedAt: null,
  };
  await insertInvitation(
    record,
    adminAudit(ctx.staff, 'invitation.create', { type: 'invitation', id: record._id }, { role: input.role, storeIds, name: input.name }, storeIds[0]),
  );
  const formatted = formatCode(code);
  return { ...toInvitationView(record, now), code: formatted, path: `${ACCEPT_PAGE}?code=${code}` };
});

const REASONS = {
  missing: '邀请码不存在',
  accepted: '邀请码已被使用',
  disabled: '邀请已被作废',
  expired: '邀请已过期',
} as const;

export const acceptInvitation = implement(adminContract.actions.acceptInvitation, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const code = normalizeCode(input.code);
  if (!isWellFormedCode(code)) throw new AppError(Errors.INVITATION_NOT_USABLE, { message: '邀请码格式不对（12 位字母和数字）', details: { field: 'code' } });
  const existing = await findStaffByOpenid(openid);
  const outcome = await acceptInTransaction(invitationIdOf(code), openid, staffIdOf(openid), new Date(), existing?.status === 'active', (invitation) =>
    adminAudit(
      { openid, name: invitation.name },
      'invitation.accept',
      { type: 'staff', id: staffIdOf(openid) },
      { invitationId: invitation._id, role: invitation.role, storeIds: invitation.storeIds, bootstrap: invitation.bootstrap === true },
      invitation.storeIds[0],
    ),
  );
  if (!outcome.ok) {
    if (outcome.reason === 'already-staff') throw new AppError(Errors.ALREADY_STAFF);
    throw new AppError(Errors.INVITATION_NOT_USABLE, { message: REASONS[outcome.reason], details: { field: 'code', reason: outcome.reason } });
  }
  ctx.log.info('staff bound by invitation', { role: outcome.staff.role });
  return { staff: toStaffView(outcome.staff) };
});

/** Admins see every invitation; a manager those that grant any of their stores. */
export const listInvitations = implement(adminContract.actions.listInvitations, async (input, ctx) => {
  const now = new Date();
  const storeIds = ctx.staff.role === 'admin' ? undefined : [...new Set(ctx.staff.storeIds)];
  if (storeIds && storeIds.length === 0) return { items: [], total: 0, page: input.page, pageSize: input.pageSize, hasMore: false };
  const page = await queryInvitations({ storeIds, status: input.status, now }, input.page, input.pageSize);
  return { ...page, items: page.items.map((record) => toInvitationView(record, now)) };
});

export const disableInvitation = implement(adminContract.actions.disableInvitation, async (input, ctx) => {
  const found = await findInvitation(input.invitationId);
  if (!found) throw new AppError(Errors.INVITATION_NOT_FOUND, { details: { field: 'invitationId' } });
  const refused = refuseGrant(ctx.staff, found.role, found.storeIds);
  if (refused) throw new AppError(CommonErrors.FORBIDDEN, { message: '只能作废自己门店的邀请' });
  const now = new Date();
  const result = await disableInTransaction(
    input.invitationId,
    now,
    adminAudit(
      ctx.staff,
      'invitation.disable',
      { type: 'invitation', id: input.invitationId },
      { role: found.role, storeIds: found.storeIds },
      found.storeIds[0],
    ),
  );
  if (!result) throw new AppError(Errors.INVITATION_NOT_FOUND, { details: { field: 'invitationId' } });
  if (!result.changed && result.invitation.status !== 'disabled') throw new AppError(Errors.INVITATION_NOT_PENDING);
  return toInvitationView(result.invitation, now);
});
