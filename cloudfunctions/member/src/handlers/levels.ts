import { z } from 'zod';
import type { DiscountQuoteView, LevelView } from '../../../../typings/api/member';
import { defineAction, requireOpenid } from '../../../shared/kit';
import { levelForPoints, quoteDiscount } from '../../../shared/members/levels';
import { toLevelView } from '../domain/member-views';
import { findMember, loadProgram } from '../repositories/member-repository';

export const listLevelsAction = defineAction({
  input: z.object({}).strict(),
  handler: async (): Promise<LevelView[]> => (await loadProgram()).levels.map(toLevelView),
});

/** The caller's member price for an amount in fen (non-members: entry level, no discount). */
export const quoteDiscountAction = defineAction({
  input: z.object({ amountFen: z.number().int().min(0).max(100_000_000) }).strict(),
  handler: async (input, ctx): Promise<DiscountQuoteView> => {
    const openid = requireOpenid(ctx.caller);
    const [program, member] = await Promise.all([loadProgram(), findMember(openid)]);
    const level = levelForPoints(member?.totalEarned ?? 0, program.levels);
    return { level: toLevelView(level), ...quoteDiscount(input.amountFen, level) };
  },
});
