import { AppError, type ActionContext, type HttpRequest } from '../../../../shared/kit';
import { hashAccessToken } from '../../domain/access-token';
import { isIpAllowed, isTimestampFresh, nonceExpiry, parseSignedHeaders, type SignedHeaders } from '../../domain/auth';
import type { PosIntegration } from '../../domain/integration';
import { verifySignature } from '../../domain/signature';
import { Errors } from '../../errors';
import { findAccessToken } from '../../repositories/access-token-repository';
import { claimNonce, releaseNonce } from '../../repositories/nonce-repository';
import { lookupIntegration } from './integration-cache';
import { spendRateBudget } from './rate-budget';

/** What a signed route's handler knows about its caller. */
export interface SignedCaller {
  integration: PosIntegration;
  headers: SignedHeaders;
  startedAt: number;
}

/**
 * Order of checks: headers → key → status → (expected integration) → IP → clock → secret usable →
 * signature →
 * token → nonce → budget. Everything before the signature is decided without writing; the
 * nonce is stored only for a request whose signature verified, so a forger cannot burn a
 * legitimate client's nonces.
 *
 * The nonce is claimed here, before the handler runs, on every route and under one key
 * (`integrationId:nonce`): a replay is refused before anything is written, whichever route saw
 * the nonce first.
 *
 * The budget is spent only after the nonce turned out fresh, so replays of a captured request
 * (40115) cost the integration nothing. Most requests spend a token this instance leased earlier
 * (rate-budget.ts) and write nothing for it: order sync is then nonce, order and log. Only when a
 * new lease is needed does it follow the nonce (one more round trip, once per lease). A request
 * refused for the budget (429, or a budget write that failed) gives its nonce back: it did
 * nothing, so the client may resend the identical signed request after Retry-After, as long as
 * its timestamp is still inside the window. That opens no door a network attacker does not have
 * already: holding a captured request back and delivering it later has the same effect.
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
    const { integration, secrets, secretUnavailable } = known;
    if (integration.status !== 'active') throw new AppError(Errors.INTEGRATION_DISABLED);
    if (expectedIntegrationId && integration._id !== expectedIntegrationId(req)) throw new AppError(Errors.SIGNATURE_INVALID);
    if (!isIpAllowed(req.ip, integration.ipWhitelist)) throw new AppError(Errors.IP_NOT_ALLOWED);
    if (!isTimestampFresh(headers.timestamp)) throw new AppError(Errors.TIMESTAMP_OUT_OF_WINDOW, { details: { serverTime: Math.floor(Date.now() / 1000) } });
    if (secretUnavailable) {
      ctx.log.error('pos integration secret cannot be opened', { integrationId: integration._id });
      throw new AppError(Errors.SECRET_UNAVAILABLE);
    }
    const material = { method: req.method, pathWithQuery: req.pathWithQuery, timestamp: headers.timestampText, nonce: headers.nonce, rawBody: req.rawBody };
    // Any usable secret: the current one, or a rotated-out one still in its grace period.
    if (!secrets.some((secret) => verifySignature(material, secret, headers.signature))) {
      ctx.log.warn('pos signature mismatch', { integrationId: integration._id, path: req.path });
      throw new AppError(Errors.SIGNATURE_INVALID);
    }
    if (headers.bearer !== undefined) await assertBearer(headers.bearer, integration);

    if (!(await claimNonce(integration._id, headers.nonce, nonceExpiry(headers.timestamp)))) throw new AppError(Errors.NONCE_REPLAYED);
    try {
      await spendRateBudget(integration);
    } catch (error) {
      try {
        await releaseNonce(integration._id, headers.nonce);
      } catch (releaseError) {
        // The client then has to re-sign with a new nonce; the refusal itself stands.
        ctx.log.warn('nonce release failed', { integrationId: integration._id, error: (releaseError as Error)?.message });
      }
      throw error;
    }
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
