import { DEFAULT_LEVELS, sortLevels, type MemberLevel } from './program';

/** The highest level whose threshold the cumulative earned points reach. */
export function levelForPoints(totalEarned: number, levels: readonly MemberLevel[] = DEFAULT_LEVELS): MemberLevel {
  const sorted = sortLevels(levels);
  let current = sorted[0];
  for (const level of sorted) if (totalEarned >= level.minPoints) current = level;
  return current;
}

export interface LevelProgress {
  current: MemberLevel;
  next: MemberLevel | null;
  /** points still to earn for the next level (0 at the top) */
  pointsToNext: number;
  /** 0–100, whole percent between the current and the next threshold */
  percent: number;
}

export function levelProgress(totalEarned: number, levels: readonly MemberLevel[] = DEFAULT_LEVELS): LevelProgress {
  const sorted = sortLevels(levels);
  const current = levelForPoints(totalEarned, sorted);
  const next = sorted.find((level) => level.minPoints > current.minPoints) ?? null;
  if (!next) return { current, next: null, pointsToNext: 0, percent: 100 };
  const span = next.minPoints - current.minPoints;
  const done = Math.max(0, totalEarned - current.minPoints);
  return { current, next, pointsToNext: next.minPoints - Math.max(totalEarned, current.minPoints), percent: Math.min(100, Math.floor((done * 100) / span)) };
}

export interface DiscountQuote {
  original: number;
  discount: number;
  final: number;
  /** multiplier, e.g. 0.95 */
  rate: number;
}

/**
 * Member price for an amount in fen. The discount is rounded DOWN to the fen (the member never
 * gets more than the advertised rate); final = original − discount, so the three always add up.
 */
export function quoteDiscount(amountFen: number, level: Pick<MemberLevel, 'discountPermille'>): DiscountQuote {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`金额必须是非负整数分: ${amountFen}`);
  const discount = Math.floor((amountFen * (1000 - level.discountPermille)) / 1000);
  return { original: amountFen, discount, final: amountFen - discount, rate: level.discountPermille / 1000 };
}
