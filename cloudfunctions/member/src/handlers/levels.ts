import { memberContract } from '../../../../typings/api/member';
import { implement, requireOpenid } from '../../../shared/kit';
import { levelForPoints, quoteDiscount as quoteLevelDiscount } from '../../../shared/members/levels';
import { toLevelView } from '../domain/member-views';
import { findMember, loadProgram } from '../repositories/member-repository';

export const listLevels = implement(memberContract.actions.listLevels, async () => (await loadProgram()).levels.map(toLevelView));

/** The caller's member price for an amount in fen (non-members: entry level, no discount). */
export const quoteDiscount = implement(memberContract.actions.quoteDiscount, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const [program, member] = await Promise.all([loadProgram(), findMember(openid)]);
  const level = levelForPoints(member?.totalEarned ?? 0, program.levels);
  return { level: toLevelView(level), ...quoteLevelDiscount(input.amountFen, level) };
});
