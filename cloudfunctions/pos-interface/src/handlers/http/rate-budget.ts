import { AppError } from '../../../../shared/kit';
import type { PosIntegration } from '../../domain/integration';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, RateLeases, rateBucketFor, rateLeaseSize } from '../../domain/rate-limit';
import { Errors } from '../../errors';
import { leaseRateBudget } from '../../repositories/rate-bucket-repository';

// Module state lives as long as the warm instance: the tokens it leased and has not spent yet.
const leases = new RateLeases();

/** Spends one request of the integration's per-minute budget, or throws 429 with Retry-After. */
export async function spendRateBudget(integration: PosIntegration): Promise<void> {
  const bucket = rateBucketFor(integration._id);
  if (leases.take(integration._id, bucket.id)) return;
  const limit = integration.rateLimitPerMinute || DEFAULT_RATE_LIMIT_PER_MINUTE;
  const leased = await leaseRateBudget(bucket, limit, rateLeaseSize(limit));
  if (leased < 1) {
    throw new AppError(Errors.RATE_LIMITED, {
      headers: { 'retry-after': String(bucket.retryAfterSeconds) },
      details: { limitPerMinute: limit, retryAfterSeconds: bucket.retryAfterSeconds },
    });
  }
  leases.keep(integration._id, bucket.id, leased - 1);
}
