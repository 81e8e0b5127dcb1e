import { AppError } from '../../../../shared/kit';
import { rateBudget } from '../../../../shared/integration/rate-leases';
import { signedRequestGuard } from '../../../../shared/integration/signed-guard';
import { lookupIntegration } from '../../application/integration-cache';
import { hashAccessToken } from '../../domain/access-token';
import type { PosIntegration } from '../../domain/integration';
import { Errors } from '../../errors';
import { findAccessToken } from '../../repositories/access-token-repository';
import { posNonces, posRateBuckets } from '../../repositories/integration-plumbing';

/** The per-integration request budget (leases held by this warm instance, buckets in `pos_rate_buckets`). */
export const posRateBudget = rateBudget({
  store: posRateBuckets,
  refused: (bucket, limit) =>
    new AppError(Errors.RATE_LIMITED, {
      headers: { 'retry-after': String(bucket.retryAfterSeconds) },
      details: { limitPerMinute: limit, retryAfterSeconds: bucket.retryAfterSeconds },
    }),
});

/** Spends one request of the integration's per-minute budget, or throws 429 with Retry-After. */
export function spendRateBudget(integration: PosIntegration): Promise<void> {
  return posRateBudget.spend(integration._id, integration.rateLimitPerMinute);
}

async function assertBearer(token: string | undefined, integration: PosIntegration): Promise<void> {
  if (token === undefined) return;
  if (!token) throw new AppError(Errors.TOKEN_INVALID);
  const stored = await findAccessToken(hashAccessToken(token));
  if (!stored || stored.integrationId !== integration._id || new Date(stored.expiresAt).getTime() <= Date.now()) {
    throw new AppError(Errors.TOKEN_INVALID);
  }
}

/**
 * The shared HMAC guard (shared/integration/signed-guard.ts: headers → key → status → IP →
 * clock → signature → bearer → nonce → budget) with pos-interface's keys, codes and stores.
 * `signedGuard(expectedIntegrationId?)` makes a route guard.
 */
export const signedGuard = signedRequestGuard<PosIntegration>({
  lookup: lookupIntegration,
  nonces: posNonces,
  budget: posRateBudget,
  errors: {
    headersMissing: Errors.AUTH_HEADERS_MISSING,
    unknownKey: Errors.UNKNOWN_API_KEY,
    disabled: Errors.INTEGRATION_DISABLED,
    ipNotAllowed: Errors.IP_NOT_ALLOWED,
    timestampOutOfWindow: Errors.TIMESTAMP_OUT_OF_WINDOW,
    secretUnavailable: Errors.SECRET_UNAVAILABLE,
    signatureInvalid: Errors.SIGNATURE_INVALID,
    nonceReplayed: Errors.NONCE_REPLAYED,
  },
  afterSignature: (headers, integration) => assertBearer(headers.bearer, integration),
});

export type { SignedCaller } from '../../../../shared/integration/signed-guard';
