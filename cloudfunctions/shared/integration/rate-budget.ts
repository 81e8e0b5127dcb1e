/**
 * Per-party request budgets (a party: one integration of a POS, the cabinet vendor, an ERP): a
 * budget per minute, counted in one bucket document per party and minute, spent by warm
 * instances from leases (rate-leases.ts) so most requests write nothing for it.
 */

/** Default per-party budget (seed 五.5.1: 100 次/分钟). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;

export interface RateBucket {
  /** `partyId:minute`: addressable, so counting is one conditional update */
  id: string;
  /** seconds until the next minute starts: the Retry-After of a 429 */
  retryAfterSeconds: number;
  /** buckets are useless after their minute; kept a little longer for inspection */
  expiresAt: Date;
}

export function rateBucketFor(partyId: string, now: Date = new Date()): RateBucket {
  const minute = Math.floor(now.getTime() / 60_000);
  const nextMinuteMs = (minute + 1) * 60_000;
  return {
    id: `${partyId}:${minute}`,
    retryAfterSeconds: Math.max(1, Math.ceil((nextMinuteMs - now.getTime()) / 1000)),
    expiresAt: new Date(nextMinuteMs + 10 * 60_000),
  };
}

/** Largest lease an instance takes at once: at most this many tokens can go unused per instance and minute. */
export const MAX_RATE_LEASE = 50;

/**
 * How many tokens an instance takes from the minute's budget in one database write. Taking a
 * lease instead of one token per request saves most requests of a busy integration a write;
 * a lease is 5 % of the limit so a handful of warm instances cannot strand much of the budget.
 */
export function rateLeaseSize(limit: number): number {
  return Math.max(1, Math.min(MAX_RATE_LEASE, Math.floor(limit / 20)));
}

/**
 * The tokens this instance holds, per integration, for one minute bucket. A CloudBase instance
 * runs one invocation at a time, so no locking is needed. Tokens of a past minute are dropped:
 * the sum of what all instances spend can never exceed what they leased, i.e. the limit.
 */
export class RateLeases {
  private readonly held = new Map<string, { bucketId: string; tokens: number }>();

  /** Spends a held token of this bucket; false when the instance holds none. */
  take(integrationId: string, bucketId: string): boolean {
    const lease = this.held.get(integrationId);
    if (!lease || lease.bucketId !== bucketId || lease.tokens < 1) return false;
    lease.tokens -= 1;
    return true;
  }

  /** Keeps the rest of a fresh lease (after spending one token of it on the current request). */
  keep(integrationId: string, bucketId: string, tokens: number): void {
    this.held.set(integrationId, { bucketId, tokens });
  }
}
