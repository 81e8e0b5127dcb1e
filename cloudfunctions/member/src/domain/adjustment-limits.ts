import type { AdjustmentLimitValues } from '../../../../typings/api/member';

/**
 * Per-store limits on staff adjustments (issue 12 item 11): members are platform-wide, so a
 * manager of one store could otherwise credit anyone without bound. An admin sets, per store, a
 * per-operation and a per-day ceiling for points (absolute values: a −50 correction uses 50) and
 * for gift tickets; null means no limit.
 */
export type AdjustmentKind = 'points' | 'tickets';

export const NO_LIMITS: AdjustmentLimitValues = { pointsPerOperation: null, pointsPerDay: null, ticketsPerOperation: null, ticketsPerDay: null };

export interface DailyUsage {
  points: number;
  tickets: number;
}

export type LimitDecision =
  { allowed: true; usageAfter: DailyUsage } | { allowed: false; exceeded: 'operation' | 'day'; limit: number; used: number; requested: number };

export function limitsFromDocument(document: Partial<AdjustmentLimitValues> | null): AdjustmentLimitValues {
  const pick = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);
  if (!document) return NO_LIMITS;
  return {
    pointsPerOperation: pick(document.pointsPerOperation),
    pointsPerDay: pick(document.pointsPerDay),
    ticketsPerOperation: pick(document.ticketsPerOperation),
    ticketsPerDay: pick(document.ticketsPerDay),
  };
}

/** Decides one adjustment of `amount` (signed for points) against the store's limits and today's usage. */
export function decideAdjustment(limits: AdjustmentLimitValues, usage: DailyUsage, kind: AdjustmentKind, amount: number): LimitDecision {
  const requested = Math.abs(amount);
  const perOperation = kind === 'points' ? limits.pointsPerOperation : limits.ticketsPerOperation;
  const perDay = kind === 'points' ? limits.pointsPerDay : limits.ticketsPerDay;
  const used = usage[kind];
  if (perOperation !== null && requested > perOperation) return { allowed: false, exceeded: 'operation', limit: perOperation, used, requested };
  if (perDay !== null && used + requested > perDay) return { allowed: false, exceeded: 'day', limit: perDay, used, requested };
  return { allowed: true, usageAfter: { ...usage, [kind]: used + requested } };
}

/** The per-store, per-day counter document id (day in Asia/Shanghai, YYYY-MM-DD). */
export function dailyUsageId(storeId: string, day: string): string {
  return `${storeId}:${day}`;
}
