import { DEFAULT_RATE_LIMIT_PER_MINUTE, RateLeases, rateBucketFor, rateLeaseSize, type RateBucket } from './rate-budget';
import type { RateBucketStore } from './rate-bucket-store';

export interface RateBudget {
  /** Spends one request of the party's per-minute budget, or throws what `refused` builds (a 429 with Retry-After). */
  spend(partyId: string, limitPerMinute: number | undefined): Promise<void>;
}

/**
 * A context's request budget. Create it once at module load: its leases live as long as the warm
 * instance (the tokens it leased and has not spent yet), which is what saves the writes.
 */
export function rateBudget(options: { store: RateBucketStore; refused: (bucket: RateBucket, limitPerMinute: number) => Error }): RateBudget {
  const leases = new RateLeases();
  return {
    async spend(partyId, limitPerMinute) {
      const bucket = rateBucketFor(partyId);
      if (leases.take(partyId, bucket.id)) return;
      const limit = limitPerMinute || DEFAULT_RATE_LIMIT_PER_MINUTE;
      const leased = await options.store.lease(bucket, limit, rateLeaseSize(limit));
      if (leased < 1) throw options.refused(bucket, limit);
      leases.keep(partyId, bucket.id, leased - 1);
    },
  };
}
