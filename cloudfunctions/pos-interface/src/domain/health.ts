import type { StatusCounts } from '../../../shared/integration/exchange-log';
import type { WindowHealth } from '../../../../typings/api/pos-interface';

/**
 * Health of one integration over a window, from sync-log counts (aggregated in the database).
 *
 * score = clamp(0, 100, round(100 × (success + 0.5 × partial) / total − latencyPenalty))
 * latencyPenalty = clamp(0, 10, (avgDurationMs − 1000) / 200)   (slower than 1 s costs up to 10 points)
 * grade: ≥ 95 healthy, ≥ 80 degraded, otherwise unhealthy; no exchanges → score null, grade 'idle'.
 */
export type { StatusCounts };

/** The API's window health (typings/api/pos-interface): successRate is a percent with one decimal, partial counted as half. */
export type { WindowHealth };
export type HealthGrade = WindowHealth['grade'];

const clamp = (min: number, max: number, value: number) => Math.min(max, Math.max(min, value));

export function healthOf(counts: StatusCounts): WindowHealth {
  const total = counts.success + counts.partial + counts.failed;
  if (total === 0) {
    return { total: 0, success: 0, partial: 0, failed: 0, successRate: null, avgDurationMs: null, score: null, grade: 'idle' };
  }
  const weighted = (counts.success + 0.5 * counts.partial) / total;
  const latencyPenalty = clamp(0, 10, (counts.avgDurationMs - 1000) / 200);
  const score = clamp(0, 100, Math.round(100 * weighted - latencyPenalty));
  const grade: HealthGrade = score >= 95 ? 'healthy' : score >= 80 ? 'degraded' : 'unhealthy';
  return {
    total,
    success: counts.success,
    partial: counts.partial,
    failed: counts.failed,
    successRate: Math.round(weighted * 1000) / 10,
    avgDurationMs: Math.round(counts.avgDurationMs),
    score,
    grade,
  };
}
