import { levelForPoints, quoteDiscount, type DiscountQuote } from '../../../shared/members/levels';
import { ticketsForAmount } from '../../../shared/members/points-rules';
import { programFromDocument } from '../../../shared/members/program';
import { loadMemberPricing } from '../repositories/payment-repository';

export interface MemberPricing {
  quote: DiscountQuote;
  levelCode: string;
  levelName: string;
  ticketsBalance: number;
  ticketsRequired: number;
}

/** The member discount every checkout uses, plus what a gift-ticket payment would cost. */
export async function priceForMember(openid: string, amountFen: number): Promise<MemberPricing> {
  const { member, program: stored } = await loadMemberPricing(openid);
  const program = programFromDocument(stored);
  const level = levelForPoints(member?.totalEarned ?? 0, program.levels);
  const quote = quoteDiscount(amountFen, level);
  return {
    quote,
    levelCode: level.code,
    levelName: level.name,
    ticketsBalance: member?.tickets ?? 0,
    ticketsRequired: ticketsForAmount(quote.final, program.rules),
  };
}
