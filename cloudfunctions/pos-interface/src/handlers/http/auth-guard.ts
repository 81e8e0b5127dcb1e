import { AppError, type ActionContext, type HttpRequest } from '../../../../shared/kit';
import { hashAccessToken } from '../../domain/access-token';
import { isIpAllowed, isTimestampFresh, nonceExpiry, parseSignedHeaders, type SignedHeaders } from '../../domain/auth';
import type { PosIntegration } from '../../domain/integration';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, rateBucketFor } from '../../domain/rate-limit';
import { verifySignature } from '../../domain/signature';
import { Errors } from '../../errors';
import { findAccessToken } from '../../repositories/access-token-repository';
import { claimNonce } from '../../repositories/nonce-repository';
import { consumeRateBudget } from '../../repositories/rate-bucket-repository';
import { lookupIntegration } from './integration-cache';

/** What a signed route's handler knows about its caller. */
export interface SignedCaller {
  integration: PosIntegration;
  headers: SignedHeaders;
  /**
   * false: the nonce is claimed together with the exchange's sync log at the end. Only for
   * routes whose writes are idempotent (order sync): a replay then re-runs a no-op and is
   * refused when its sync log (keyed by the nonce) collides. Saves one round trip per order.
   */
  nonceClaimed: boolean;
  startedAt: number;
}

export type NonceMode = 'claim-first' | 'claim-with-log';

/**
 * Order of checks: headers → key → status → IP → clock → signature → token → budget → nonce.
 * Everything before the signature is decided without writing; the nonce is stored only for a
 * request whose signature verified, so a forger cannot burn a legitimate client's nonces.
 */
export function signedGuard(mode: NonceMode) {
  return async (req: HttpRequest, ctx: ActionContext): Promise<SignedCaller> => {
    const startedAt = Date.now();
    const headers = parseSignedHeaders(req.headers);
    if (!headers) throw new AppError(Errors.AUTH_HEADERS_MISSING);
    const known = await lookupIntegration(headers.apiKey);
    if (!known) throw new AppError(Errors.UNKNOWN_API_KEY);
    const { integration, secrets } = known;
    if (integration.status !== 'active') throw new AppError(Errors.INTEGRATION_DISABLED);
    if (!isIpAllowed(req.ip, integration.ipWhitelist)) throw new AppError(Errors.IP_NOT_ALLOWED);
    if (!isTimestampFresh(headers.timestamp)) throw new AppError(Errors.TIMESTAMP_OUT_OF_WINDOW, { details: { serverTime: Math.floor(Date.now() / 1000) } });
    const material = { method: req.method, pathWithQuery: req.pathWithQuery, timestamp: headers.timestampText, nonce: headers.nonce, rawBody: req.rawBody };
    // Any usable secret: the current one, or a rotated-out one still in its grace period.
    if (!secrets.some((secret) => verifySignature(material, secret, headers.signature))) {
      ctx.log.warn('pos signature mismatch', { integrationId: integration._id, path: req.path });
      throw new AppError(Errors.SIGNATURE_INVALID);
    }
    if (headers.bearer !== undefined) await assertBearer(headers.bearer, integration);

    const bucket = rateBucketFor(integration._id);
    const limit = integration.rateLimitPerMinute || DEFAULT_RATE_LIMIT_PER_MINUTE;
    // Budget and nonce are independent writes: issue them together (one round trip of latency).
    const [withinBudget, nonceFresh] = await Promise.all([
      consumeRateBudget(bucket, limit),
      mode === 'claim-first' ? claimNonce(headers.apiKey, headers.nonce, nonceExpiry(headers.timestamp)) : Promise.resolve(true),
    ]);
    if (!withinBudget) {
      throw new AppError(Errors.RATE_LIMITED, {
        headers: { 'retry-after': String(bucket.retryAfterSeconds) },
        details: { limitPerMinute: limit, retryAfterSeconds: bucket.retryAfterSeconds },
      });
    }
    if (!nonceFresh) throw new AppError(Errors.NONCE_REPLAYED);
    return { integration, headers, nonceClaimed: mode === 'claim-first', startedAt };
  };
}

async function assertBearer(token: string, integration: PosIntegration): Promise<void> {
  if (!token) throw new AppError(Errors.TOKEN_INVALID);
  const stored = await findAccessToken(hashAccessToken(token));
  if (!stored || stored.integrationId !== integration._id || new Date(stored.expiresAt).getTime() <= Date.now()) {
    throw new AppError(Errors.TOKEN_INVALID);
  }
}
