import { z } from 'zod';

/**
 * The loyalty programme as data (seed 003): levels by cumulative earned points and the
 * earning/ticket rates. Stored as ONE document (`member_levels/program`) so a transaction can
 * read it with a single-document get; when that document is absent the defaults below apply.
 */
export const PROGRAM_DOCUMENT_ID = 'program';

export const memberLevelSchema = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(32),
  /** cumulative earned points needed to reach the level */
  minPoints: z.number().int().min(0),
  /** price multiplier in per-mille: 950 = 95折; integer so quotes stay exact in fen */
  discountPermille: z.number().int().min(1).max(1000),
});
export type MemberLevel = z.infer<typeof memberLevelSchema>;

export const pointsRulesSchema = z.object({
  /** whole points per ¥1 paid (seed 003: 1) */
  pointsPerYuan: z.number().int().min(0).max(100),
  /** gift tickets per ¥1 (seed 004: 500) */
  ticketsPerYuan: z.number().int().min(1).max(100000),
});
export type PointsRules = z.infer<typeof pointsRulesSchema>;

export const loyaltyProgramSchema = z.object({
  levels: z
    .array(memberLevelSchema)
    .min(1)
    .refine((levels) => levels.some((level) => level.minPoints === 0), { message: '必须有一个 0 积分的起始等级' })
    .refine((levels) => new Set(levels.map((l) => l.code)).size === levels.length, { message: '等级 code 不能重复' }),
  rules: pointsRulesSchema,
});
export type LoyaltyProgram = z.infer<typeof loyaltyProgramSchema>;

export const DEFAULT_LEVELS: readonly MemberLevel[] = [
  { code: 'normal', name: '普通会员', minPoints: 0, discountPermille: 1000 },
  { code: 'silver', name: '银卡会员', minPoints: 1000, discountPermille: 950 },
  { code: 'gold', name: '金卡会员', minPoints: 5000, discountPermille: 900 },
  { code: 'platinum', name: '白金会员', minPoints: 10000, discountPermille: 850 },
];

export const DEFAULT_POINTS_RULES: PointsRules = { pointsPerYuan: 1, ticketsPerYuan: 500 };

export const DEFAULT_PROGRAM: LoyaltyProgram = { levels: [...DEFAULT_LEVELS], rules: DEFAULT_POINTS_RULES };

/** A stored programme document, or the defaults when it is missing or malformed. */
export function programFromDocument(document: unknown): LoyaltyProgram {
  if (!document) return DEFAULT_PROGRAM;
  const parsed = loyaltyProgramSchema.safeParse(document);
  // A broken config must not stop payments: fall back to the seed's programme.
  return parsed.success ? { ...parsed.data, levels: sortLevels(parsed.data.levels) } : DEFAULT_PROGRAM;
}

export function sortLevels(levels: readonly MemberLevel[]): MemberLevel[] {
  return [...levels].sort((a, b) => a.minPoints - b.minPoints);
}
