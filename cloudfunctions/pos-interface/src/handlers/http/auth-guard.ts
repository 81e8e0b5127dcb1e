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
  startedAt: number;
}

/**
 * Order of checks: headers → key → status → (expected integration) → IP → clock → signature →
 * token → budget + nonce. Everything before the signature is decided without writing; the
 * nonce is stored only for a request whose signature verified, so a forger cannot burn a
 * legitimate client's nonces.
 *
 * The nonce is claimed here, before the handler runs, on every route and under one key
 * (`integrationId:nonce`): a replay is refused before anything is written, whichever route saw
 * the nonce first. This costs order sync a fourth database request (budget, nonce, order, log),
 * but not a fourth round trip of latency: the budget and the nonce are written in parallel.
 * They cannot be one write: the budget is a per-minute counter, while a nonce must stay unique
 * across the whole timestamp window, i.e. across several minutes' counters.
 *
 * `expectedIntegrationId`: the integration a URL names (vendor webhook); a key of another
 * integration is refused before any write.
 */
export function signedGuard(expectedIntegrationId?: (req: HttpRequest) => string) {
  return async (req: HttpRequest, ctx: ActionContext): Promise<SignedCaller> => {
    const startedAt = Date.now();
    const headers = parseSignedHeaders(req.headers);
    if (!headers) throw new AppError(Errors.AUTH_HEADERS_MISSING);
    const known = await lookupIntegration(headers.apiKey);
    if (!known) throw new AppError(Errors.UNKNOWN_API_KEY);
    const { integration, secrets } = known;
    if (integration.status !== 'active') throw new AppError(Errors.INTEGRATION_DISABLED);
    if (expectedIntegrationId && integration._id !== expectedIntegrationId(req)) throw new AppError(Errors.SIGNATURE_INVALID);
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
    const [withinBudget, nonceFresh] = await Promise.all([
      consumeRateBudget(bucket, limit),
      claimNonce(integration._id, headers.nonce, nonceExpiry(headers.timestamp)),
    ]);
    if (!withinBudget) {
      throw new AppError(Errors.RATE_LIMITED, {
        headers: { 'retry-after': String(bucket.retryAfterSeconds) },
        details: { limitPerMinute: limit, retryAfterSeconds: bucket.retryAfterSeconds },
      });
    }
    if (!nonceFresh) throw new AppError(Errors.NONCE_REPLAYED);
    return { integration, headers, startedAt };
  };
}

async function assertBearer(token: string, integration: PosIntegration): Promise<void> {
  if (!token) throw new AppError(Errors.TOKEN_INVALID);
  const stored = await findAccessToken(hashAccessToken(token));
  if (!stored || stored.integrationId !== integration._id || new Date(stored.expiresAt).getTime() <= Date.now()) {
    throw new AppError(Errors.TOKEN_INVALID);
  }
}
