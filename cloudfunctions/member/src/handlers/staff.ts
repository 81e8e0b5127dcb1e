import { z } from 'zod';
import type { LedgerChangeResult, MemberStaffView } from '../../../../typings/api/member';
import { AppError, defineAction } from '../../../shared/kit';
import { toStaffView } from '../domain/member-views';
import { Errors } from '../errors';
import { adjustPoints, topUpTickets, type Actor } from '../repositories/ledger-command-repository';
import { findMemberByPhone, loadProgram } from '../repositories/member-repository';
import { idempotencyKeyField, mobileField, openidField, reasonField } from './schemas';

function actorOf(staff: { openid: string; name: string; role: string } | undefined): Actor {
  // The kit loads ctx.staff for every action that declares roles.
  return { openid: staff!.openid, name: staff!.name, role: staff!.role };
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
export const lookupMemberByPhoneAction = defineAction({
  roles: ['admin', 'manager', 'clerk'],
  input: z.object({ phone: mobileField }).strict(),
  handler: async (input): Promise<MemberStaffView> => {
    const [member, program] = await Promise.all([findMemberByPhone(input.phone), loadProgram()]);
    if (!member) throw new AppError(Errors.MEMBER_NOT_FOUND, { message: '没有绑定该手机号的会员', details: { field: 'phone' } });
    return toStaffView(member, program);
  },
});

/** Manual correction (±), audited in the same transaction; cannot overdraw. */
export const adjustPointsAction = defineAction({
  roles: ['admin', 'manager'],
  input: z
    .object({
      openid: openidField,
      points: z
        .number()
        .int()
        .min(-1_000_000)
        .max(1_000_000)
        .refine((n) => n !== 0, '不能为 0'),
      reason: reasonField,
      idempotencyKey: idempotencyKeyField,
    })
    .strict(),
  handler: async (input, ctx): Promise<LedgerChangeResult> => {
    const actor = actorOf(ctx.staff);
    assertNotSelf(actor, input.openid, '调整积分');
    const { row, alreadyApplied } = await adjustPoints({ ...input, actor });
    ctx.log.info('points adjusted', { target: input.openid, points: input.points, replayed: alreadyApplied });
    return { change: row.points, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
  },
});

export const topUpTicketsAction = defineAction({
  roles: ['admin', 'manager'],
  input: z
    .object({
      openid: openidField,
      tickets: z.number().int().min(1).max(10_000_000),
      reason: reasonField,
      idempotencyKey: idempotencyKeyField,
    })
    .strict(),
  handler: async (input, ctx): Promise<LedgerChangeResult> => {
    const actor = actorOf(ctx.staff);
    assertNotSelf(actor, input.openid, '充值礼票');
    const { row, alreadyApplied } = await topUpTickets({ ...input, actor });
    ctx.log.info('tickets topped up', { target: input.openid, tickets: input.tickets, replayed: alreadyApplied });
    return { change: row.tickets, balanceAfter: row.balanceAfter, replayed: alreadyApplied };
  },
});
