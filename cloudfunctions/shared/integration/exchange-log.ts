import { createHash } from 'node:crypto';
import { maskPhonesInText } from '../domain/phone';

export type SyncDirection = 'inbound' | 'outbound';

/**
 * A document of an exchange log (`pos_sync_logs` for pos-interface): one per inbound or outbound
 * exchange with a party. `K` is the context's list of exchange kinds. Never holds secrets.
 */
export interface SyncLog<K extends string = string> {
  _id?: string;
  integrationId: string;
  storeId: string;
  direction: SyncDirection;
  kind: K;
  requestId: string;
  status: 'success' | 'partial' | 'failed';
  counts: { total: number; success: number; failed: number };
  durationMs: number;
  error?: { code: number | string; message: string };
  /** sha256 of the exchanged payload: proves what was sent without storing it */
  payloadDigest: string;
  /** what the exchange concerned (event id, attempt, push id, chunk, HTTP status): ids and numbers only */
  meta?: Record<string, string | number | boolean>;
  createdAt: Date;
}

/** Exchanges of one window per status, with their mean duration (the input of a health score). */
export interface StatusCounts {
  success: number;
  partial: number;
  failed: number;
  /** mean durationMs over all exchanges of the window */
  avgDurationMs: number;
}

const MAX_ERROR_CHARS = 300;

/** The log of one outbound request (a webhook attempt, a connection test): a single item, delivered or not. */
export function outboundRequestLog<K extends string>(request: {
  integrationId: string;
  storeId: string;
  kind: K;
  requestId: string;
  ok: boolean;
  /** 0 when no HTTP answer came (network error, timeout) */
  httpStatus: number;
  error?: string;
  durationMs: number;
  payloadDigest: string;
  meta: NonNullable<SyncLog['meta']>;
  createdAt: Date;
}): SyncLog<K> {
  const { ok } = request;
  return {
    integrationId: request.integrationId,
    storeId: request.storeId,
    direction: 'outbound',
    kind: request.kind,
    requestId: request.requestId,
    status: ok ? 'success' : 'failed',
    counts: { total: 1, success: ok ? 1 : 0, failed: ok ? 0 : 1 },
    durationMs: request.durationMs,
    ...(ok ? {} : { error: { code: request.httpStatus || 'NETWORK', message: (request.error ?? 'failed').slice(0, MAX_ERROR_CHARS) } }),
    payloadDigest: request.payloadDigest,
    meta: request.meta,
    createdAt: request.createdAt,
  };
}

export function digestPayload(payload: string | Buffer): string {
  return createHash('sha256').update(payload).digest('hex');
}

export { maskPhonesInText as maskPhones } from '../domain/phone';

const REPLY_EXCERPT_CHARS = 200;
/** a mainland mobile number: a number starting before the cut ends at most this far after it */
const PHONE_CHARS = 11;

/**
 * The start of a POS's reply, for staff diagnosing a connection test. POS replies may echo
 * customer or shop phones, and staff pages show them; phones leave the system masked.
 * Masked before cutting (masking keeps the length), so a number across the cut is masked too.
 */
export function replyExcerpt(text: string): string {
  return maskPhonesInText(text.slice(0, REPLY_EXCERPT_CHARS + PHONE_CHARS)).slice(0, REPLY_EXCERPT_CHARS);
}
