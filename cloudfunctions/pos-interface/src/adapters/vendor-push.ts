import { timingSafeEqual } from 'node:crypto';
import { TIMESTAMP_WINDOW_SECONDS } from '../../../shared/integration/signed-headers';
import type { PosVendor } from '../domain/integration';
import { keruyunSign } from './signing/keruyun';
import { meituanSign } from './signing/meituan';
import { twoDfireSign } from './signing/two-dfire';

/**
 * Vendor-format pushes to `/v1/pos/webhooks/{integrationId}`, verified by each vendor's own
 * public signing rule (FACTS.md) with the vendor's key stored on the integration (`vendorSecret`:
 * 客如云 token, 二维火 app secret, 美团 signKey), the same key our outbound calls to the vendor
 * are signed with; never with our platform API secret, which the vendor does not know.
 * How each vendor delivers a push is ASSUMED from its request conventions:
 * - 客如云: JSON body = the order; appKey, shopIdenty, timestamp, version, sign in the query;
 *   sign = SHA-256(sorted query params + "body" + raw body + token);
 * - 二维火: form body with the system params, `sign` and `data` (the order as JSON);
 *   sign = UPPER(SHA-1(secret + sorted params + secret));
 * - 美团: form body with developerId, businessId, timestamp, charset, version, sign and `biz`
 *   (the order as JSON); sign = SHA-1(signKey + sorted non-empty params).
 * Confirm each in the vendor's sandbox before going live.
 */
export interface VendorPush {
  /** the vendor's order object, for the adapter's parseInboundOrder */
  payload: unknown;
  timestampSeconds: number;
}

export type VendorPushCheck = { ok: true; push: VendorPush } | { ok: false; reason: 'signature' | 'payload' | 'timestamp' };

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Vendors send seconds or milliseconds; both are accepted. */
function toSeconds(value: string | undefined): number | null {
  if (!value || !/^\d{9,13}$/.test(value)) return null;
  const n = Number(value);
  return n > 1e12 ? Math.floor(n / 1000) : n;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function checkVendorPush(
  vendor: Exclude<PosVendor, 'standard'>,
  request: { query: Record<string, string>; rawBody: string },
  secrets: readonly string[],
  now: Date = new Date(),
): VendorPushCheck {
  let params: Record<string, string>;
  let presented: string | undefined;
  let expected: (secret: string) => string;
  let payload: unknown;
  if (vendor === 'keruyun') {
    params = { ...request.query };
    presented = params.sign;
    expected = (secret) => keruyunSign({ params, body: request.rawBody }, secret);
    payload = parseJson(request.rawBody);
  } else {
    params = Object.fromEntries(new URLSearchParams(request.rawBody));
    presented = params.sign;
    expected = vendor === '2dfire' ? (secret) => twoDfireSign({ params }, secret) : (secret) => meituanSign({ params }, secret);
    payload = parseJson(vendor === '2dfire' ? params.data : params.biz);
  }
  if (!presented || !secrets.some((secret) => equalText(expected(secret), presented!))) return { ok: false, reason: 'signature' };
  const timestampSeconds = toSeconds(params.timestamp);
  if (timestampSeconds === null || Math.abs(Math.floor(now.getTime() / 1000) - timestampSeconds) > TIMESTAMP_WINDOW_SECONDS)
    return { ok: false, reason: 'timestamp' };
  if (payload === undefined || payload === null || typeof payload !== 'object') return { ok: false, reason: 'payload' };
  return { ok: true, push: { payload, timestampSeconds } };
}

/** Success replies in each vendor's convention (what their push clients check for). */
export function vendorSuccessReply(vendor: Exclude<PosVendor, 'standard'>, data: unknown): unknown {
  if (vendor === 'meituan') return { code: 'OP_SUCCESS', data };
  if (vendor === '2dfire') return { success: true, model: data };
  return { code: 0, message: '成功', result: data };
}
