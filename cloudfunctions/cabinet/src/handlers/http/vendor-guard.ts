import { AppError } from '../../../../shared/kit';
import { rateBudget } from '../../../../shared/integration/rate-leases';
import { signedRequestGuard } from '../../../../shared/integration/signed-guard';
import type { VendorRecord } from '../../domain/records';
import { Errors } from '../../errors';
import { cabinetNonces, cabinetRateBuckets } from '../../repositories/plumbing';
import { lookupVendorByApiKey } from '../../repositories/vendors';

/** The vendor's per-minute request budget (default 600: heartbeats of a few hundred devices). */
const vendorBudget = rateBudget({
  store: cabinetRateBuckets,
  refused: (bucket, limit) =>
    new AppError(Errors.RATE_LIMITED, {
      headers: { 'retry-after': String(bucket.retryAfterSeconds) },
      details: { limitPerMinute: limit, retryAfterSeconds: bucket.retryAfterSeconds },
    }),
});

/**
 * The shared HMAC guard (headers → key → status → vendor of the URL → IP → clock → signature →
 * nonce → budget) with the cabinet's vendor records, codes and stores: a forged, stale or replayed
 * callback is refused before anything is written.
 */
export const vendorGuard = signedRequestGuard<VendorRecord>({
  lookup: async (apiKey) => {
    const known = await lookupVendorByApiKey(apiKey);
    return known ? { ...known, party: { ...known.party, rateLimitPerMinute: known.party.rateLimitPerMinute ?? 600 } } : null;
  },
  nonces: cabinetNonces,
  budget: vendorBudget,
  errors: {
    headersMissing: Errors.AUTH_HEADERS_MISSING,
    unknownKey: Errors.UNKNOWN_API_KEY,
    disabled: Errors.VENDOR_DISABLED,
    ipNotAllowed: Errors.IP_NOT_ALLOWED,
    timestampOutOfWindow: Errors.TIMESTAMP_OUT_OF_WINDOW,
    secretUnavailable: Errors.SECRET_UNAVAILABLE,
    signatureInvalid: Errors.SIGNATURE_INVALID,
    nonceReplayed: Errors.NONCE_REPLAYED,
  },
});
