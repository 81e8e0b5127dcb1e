import { memberContract, type SessionRole } from '../../../../typings/api/member';
import { implement, requireOpenid } from '../../../shared/kit';
import { findStaffByOpenid } from '../../../shared/repositories/staff-repository';
import { findMember } from '../repositories/member-repository';

/**
 * Who the caller is, loaded once when the mini-program launches. Disabled staff are plain
 * diners here so the client never shows them the admin entry; staff actions re-check anyway.
 */
export const getSession = implement(memberContract.actions.getSession, async (_input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const [staff, member] = await Promise.all([findStaffByOpenid(openid), findMember(openid)]);
  const activeStaff = staff && staff.status === 'active' ? staff : null;
  const role: SessionRole = activeStaff?.role ?? 'diner';
  return {
    openid,
    role,
    isStaff: activeStaff !== null,
    ...(activeStaff ? { staff: { name: activeStaff.name, role: activeStaff.role, storeIds: [...(activeStaff.storeIds ?? [])] } } : {}),
    member: member
      ? { nickname: member.nickname ?? '', levelName: member.levelName ?? '', points: typeof member.points === 'number' ? member.points : 0 }
      : null,
  };
});
