import { memberContract } from '../../../../typings/api/member';
import { appendAudit } from '../../../shared/audit/audit-log';
import { masterKeyFromEnv } from '../../../shared/domain/secret-box';
import { isoUtc } from '../../../shared/domain/time';
import { AppError, implement, type StaffMember } from '../../../shared/kit';
import { revealPhone } from '../../../shared/members/phone-vault';
import { toStaffView } from '../domain/member-views';
import { Errors } from '../errors';
import { adjustPoints as adjustLedgerPoints, topUpTickets as topUpLedgerTickets, type Actor } from '../repositories/ledger-command-repository';
import { loadStoreLimits, saveStoreLimits, type StoreLimitsState } from '../repositories/limits-repository';
import { loadProgram } from '../repositories/member-repository';
import { findMemberByPhone } from '../repositories/phone-repository';

function actorOf(staff: StaffMember): Actor {
  return { openid: staff.openid, name: staff.name, role: staff.role };
}

/**
 * Staff never credit themselves: an audit row records it, but nobody reviews their own entries.
 * A colleague makes the change instead.
 */
function assertNotSelf(actor: Actor, targetOpenid: string, what: string): void {
  if (actor.openid === targetOpenid)
    throw new AppError(Errors.OWN_ACCOUNT_FORBIDDEN, { message: `不能为自己${what}，请由其他员工操作`, details: { field: 'openid' } });
}

/** Staff find a member by the phone they are told; the reply carries the masked phone only. */
export const lookupMemberByPhone = implement(memberContract.actions.lookupMemberByPhone, async (input) => {
  const [member, program] = await Promise.all([findMemberByPhone(input.phone), loadProgram()]);
  if (!member) throw new AppError(Errors.MEMBER_NOT_FOUND, { message: '没有绑定该手机号的会员', details: { field: 'phone' } });
  return toStaffView(
    member,
    program,
    revealPhone(member, () => masterKeyFromEnv()),
  );
});

/**
 * Manual correction (±) for one of the operator's stores (the kit checks the store against the
 * operator's storeIds), within that store's limits, audited in the same transaction; cannot overdraw.
 */
export const adjustPoints = implement(memberContract.actions.adjustPoints, async (input, ctx) => {
  const actor = actorOf(ctx.staff);
  assertNotSelf(actor, input.openid, '调整积分');
  const { row, alreadyApplied } = await adjustLedgerPoints({ ...input, actor });
  ctx.log.info('points adjusted', { target: input.openid, storeId: input.storeId, points: input.points, replayed: alreadyApplied });
  return { change: row.points, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
});

export const topUpTickets = implement(memberContract.actions.topUpTickets, async (input, ctx) => {
  const actor = actorOf(ctx.staff);
  assertNotSelf(actor, input.openid, '充值礼票');
  const { row, alreadyApplied } = await topUpLedgerTickets({ ...input, actor });
  ctx.log.info('tickets topped up', { target: input.openid, storeId: input.storeId, tickets: input.tickets, replayed: alreadyApplied });
  return { change: row.tickets, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
});

function limitsView(storeId: string, state: StoreLimitsState) {
  return { storeId, ...state.limits, usedToday: state.usage, day: state.day, updatedAt: state.updatedAt ? isoUtc(state.updatedAt) : null };
}

export const getAdjustmentLimits = implement(memberContract.actions.getAdjustmentLimits, async (input) =>
  limitsView(input.storeId, await loadStoreLimits(input.storeId)),
);

/** Admin only; audited. Takes effect for the next adjustment (each one reads the limits in its transaction). */
export const setAdjustmentLimits = implement(memberContract.actions.setAdjustmentLimits, async (input, ctx) => {
  const { storeId, ...limits } = input;
  await saveStoreLimits(storeId, limits, ctx.staff.openid);
  await appendAudit({
    actorOpenid: ctx.staff.openid,
    actorName: ctx.staff.name,
    actorRole: ctx.staff.role,
    action: 'member.setAdjustmentLimits',
    targetType: 'store',
    targetId: storeId,
    storeId,
    details: { ...limits },
  });
  return limitsView(storeId, await loadStoreLimits(storeId));
});
