/**
 * The platform's signed-request scheme, the same for every party that integrates with us (POS
 * systems today, the cabinet vendor and ERPs next), for outbound calls (menu push, webhooks) and
 * inbound authentication (order sync):
 *
 *   X-Signature = lowercase hex HMAC-SHA256(secret,
 *     METHOD + "\n" + PATH_WITH_QUERY + "\n" + TIMESTAMP + "\n" + NONCE + "\n" + RAW_BODY)
 *
 * The body is signed as the exact bytes sent, never a re-serialisation: two JSON encoders can
 * disagree on key order or number format and the signature would stop matching. Freshness of
 * the timestamp and uniqueness of the nonce are the inbound handler's job (they need storage).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignatureMaterial {
  method: string;
  /** path plus query string exactly as requested, e.g. "/v1/pos/order/sync?dryRun=1" */
  pathWithQuery: string;
  /** unix seconds as sent in X-Timestamp */
  timestamp: string;
  nonce: string;
  rawBody: string;
}

export const SIGNATURE_HEADERS = {
  apiKey: 'X-API-Key',
  timestamp: 'X-Timestamp',
  nonce: 'X-Nonce',
  signature: 'X-Signature',
} as const;

/** 16–64 characters from a header-safe alphabet. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const TIMESTAMP_PATTERN = /^\d{1,12}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

export function isValidNonce(nonce: string): boolean {
  return NONCE_PATTERN.test(nonce);
}

export function buildStringToSign(material: SignatureMaterial): string {
  const method = material.method.toUpperCase();
  // A newline inside a field would let "a\nb" + "c" collide with "a" + "b\nc"; only the
  // body (the last field) may contain newlines.
  for (const [name, value] of [
    ['method', method],
    ['pathWithQuery', material.pathWithQuery],
    ['timestamp', material.timestamp],
    ['nonce', material.nonce],
  ] as const) {
    if (/[\r\n]/.test(value)) throw new RangeError(`签名字段 ${name} 不能包含换行`);
  }
  if (!/^[A-Z]+$/.test(method)) throw new RangeError(`HTTP 方法无效: ${material.method}`);
  if (!material.pathWithQuery.startsWith('/')) throw new RangeError(`签名路径必须以 / 开头: ${material.pathWithQuery}`);
  if (!TIMESTAMP_PATTERN.test(material.timestamp)) throw new RangeError(`时间戳必须是 Unix 秒: ${material.timestamp}`);
  if (!isValidNonce(material.nonce)) throw new RangeError('Nonce 必须是 16–64 位字母、数字、下划线或连字符');
  return `${method}\n${material.pathWithQuery}\n${material.timestamp}\n${material.nonce}\n${material.rawBody}`;
}

export function signRequest(material: SignatureMaterial, secret: string): string {
  if (secret === '') throw new RangeError('签名密钥不能为空');
  return createHmac('sha256', secret).update(buildStringToSign(material), 'utf8').digest('hex');
}

/**
 * Constant-time comparison of the presented signature with the expected one. Malformed input
 * (wrong length, upper case, non-hex, bad fields) is simply "not valid" so the caller answers
 * every failure the same way and leaks nothing about which part was wrong.
 */
export function verifySignature(material: SignatureMaterial, secret: string, presented: string): boolean {
  if (typeof presented !== 'string' || !SIGNATURE_PATTERN.test(presented)) return false;
  let expected: string;
  try {
    expected = signRequest(material, secret);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(presented, 'hex'));
}
