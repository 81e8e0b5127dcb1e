import { AppError, type ActionContext, type ErrorCodeSpec, type HttpRequest } from '../kit';
import type { NonceStore } from './nonce-store';
import type { RateBudget } from './rate-leases';
import { verifySignature } from './signature';
import { isIpAllowed, isTimestampFresh, nonceExpiry, parseSignedHeaders, type SignedHeaders } from './signed-headers';

/** What a signed party's record needs for the guard. */
export interface SignedParty {
  _id: string;
  status: string;
  ipWhitelist?: readonly string[];
  rateLimitPerMinute?: number;
}

/** What the guard learns about an API key (cached by the context as it sees fit). */
export interface KnownParty<P extends SignedParty> {
  party: P;
  /** plaintext, current first; only in memory */
  secrets: string[];
  /** the stored secret does not open (master key changed, damaged record): requests cannot be verified */
  secretUnavailable?: boolean;
}

/** The codes of the context (its own band) for each refusal; one per cause so an integrator can tell them apart. */
export interface SignedGuardErrors {
  headersMissing: ErrorCodeSpec;
  unknownKey: ErrorCodeSpec;
  disabled: ErrorCodeSpec;
  ipNotAllowed: ErrorCodeSpec;
  timestampOutOfWindow: ErrorCodeSpec;
  secretUnavailable: ErrorCodeSpec;
  signatureInvalid: ErrorCodeSpec;
  nonceReplayed: ErrorCodeSpec;
}

export interface SignedGuardOptions<P extends SignedParty> {
  lookup(apiKey: string): Promise<KnownParty<P> | null>;
  nonces: NonceStore;
  budget: RateBudget;
  errors: SignedGuardErrors;
  /** checks after the signature and before the nonce (e.g. a bearer token); must not write */
  afterSignature?(headers: SignedHeaders, party: P): Promise<void>;
}

/** What a signed route's handler knows about its caller. */
export interface SignedCaller<P extends SignedParty> {
  integration: P;
  headers: SignedHeaders;
  startedAt: number;
}

/**
 * The HMAC signed-request guard of an inbound party (POS systems, the cabinet vendor, an ERP).
 *
 * Order of checks: headers → key → status → (expected party) → IP → clock → secret usable →
 * signature → `afterSignature` → nonce → budget. Everything before the signature is decided
 * without writing; the nonce is stored only for a request whose signature verified, so a forger
 * cannot burn a legitimate client's nonces.
 *
 * The nonce is claimed here, before the handler runs, on every route and under one key
 * (`partyId:nonce`): a replay is refused before anything is written, whichever route saw the
 * nonce first.
 *
 * The budget is spent only after the nonce turned out fresh, so replays of a captured request
 * cost the party nothing. Most requests spend a token this instance leased earlier
 * (rate-leases.ts) and write nothing for it. Only when a new lease is needed does it follow the
 * nonce (one more round trip, once per lease). A request refused for the budget (429, or a
 * budget write that failed) gives its nonce back: it did nothing, so the client may resend the
 * identical signed request after Retry-After, as long as its timestamp is still inside the
 * window. That opens no door a network attacker does not have already: holding a captured
 * request back and delivering it later has the same effect.
 *
 * `expectedPartyId`: the party a URL names (vendor webhook); a key of another party is refused
 * before any write.
 */
export function signedRequestGuard<P extends SignedParty>(options: SignedGuardOptions<P>) {
  const { errors } = options;
  return (expectedPartyId?: (req: HttpRequest) => string) =>
    async (req: HttpRequest, ctx: ActionContext): Promise<SignedCaller<P>> => {
      const startedAt = Date.now();
      const headers = parseSignedHeaders(req.headers);
      if (!headers) throw new AppError(errors.headersMissing);
      const known = await options.lookup(headers.apiKey);
      if (!known) throw new AppError(errors.unknownKey);
      const { party, secrets, secretUnavailable } = known;
      if (party.status !== 'active') throw new AppError(errors.disabled);
      if (expectedPartyId && party._id !== expectedPartyId(req)) throw new AppError(errors.signatureInvalid);
      if (!isIpAllowed(req.ip, party.ipWhitelist)) throw new AppError(errors.ipNotAllowed);
      if (!isTimestampFresh(headers.timestamp)) throw new AppError(errors.timestampOutOfWindow, { details: { serverTime: Math.floor(Date.now() / 1000) } });
      if (secretUnavailable) {
        ctx.log.error('integration secret cannot be opened', { integrationId: party._id });
        throw new AppError(errors.secretUnavailable);
      }
      const material = { method: req.method, pathWithQuery: req.pathWithQuery, timestamp: headers.timestampText, nonce: headers.nonce, rawBody: req.rawBody };
      // Any usable secret: the current one, or a rotated-out one still in its grace period.
      if (!secrets.some((secret) => verifySignature(material, secret, headers.signature))) {
        ctx.log.warn('signature mismatch', { integrationId: party._id, path: req.path });
        throw new AppError(errors.signatureInvalid);
      }
      if (options.afterSignature) await options.afterSignature(headers, party);

      if (!(await options.nonces.claim(party._id, headers.nonce, nonceExpiry(headers.timestamp)))) throw new AppError(errors.nonceReplayed);
      try {
        await options.budget.spend(party._id, party.rateLimitPerMinute);
      } catch (error) {
        try {
          await options.nonces.release(party._id, headers.nonce);
        } catch (releaseError) {
          // The client then has to re-sign with a new nonce; the refusal itself stands.
          ctx.log.warn('nonce release failed', { integrationId: party._id, error: (releaseError as Error)?.message });
        }
        throw error;
      }
      return { integration: party, headers, startedAt };
    };
}
