/** Default per-integration budget (seed 五.5.1: 100 次/分钟). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;

export interface RateBucket {
  /** `integrationId:minute`: addressable, so counting is one conditional update */
  id: string;
  /** seconds until the next minute starts: the Retry-After of a 429 */
  retryAfterSeconds: number;
  /** buckets are useless after their minute; kept a little longer for inspection */
  expiresAt: Date;
}

export function rateBucketFor(integrationId: string, now: Date = new Date()): RateBucket {
  const minute = Math.floor(now.getTime() / 60_000);
  const nextMinuteMs = (minute + 1) * 60_000;
  return {
    id: `${integrationId}:${minute}`,
    retryAfterSeconds: Math.max(1, Math.ceil((nextMinuteMs - now.getTime()) / 1000)),
    expiresAt: new Date(nextMinuteMs + 10 * 60_000),
  };
}
