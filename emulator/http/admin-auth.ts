import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EmulatorCredentials } from '../types';
import { header, HttpError } from './body';

/** A fresh key pair per emulator start: only what the emulator itself hands out can sign. */
export function generateCredentials(): EmulatorCredentials {
  return { secretId: `AKIDlocal${randomBytes(12).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') };
}

/** The SDK marks its signatures valid for this long (X-Signature-Expires: 600); a little clock slack on top. */
const MAX_SKEW_SECONDS = 660;

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

function formatValue(value: unknown): string | Buffer {
  return typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value);
}

/** How @cloudbase/signature-nodejs spells a key (Signer.camSafeUrlEncode). */
function camSafeUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function denied(message: string): HttpError {
  return new HttpError(401, message, false, 'EMULATOR_SIGNATURE_INVALID');
}

/**
 * Verifies the signature wx-server-sdk (@cloudbase/node-sdk, via @cloudbase/signature-nodejs)
 * puts on every request to CloudBase: `Authorization: TC3-HMAC-SHA256 Credential=<id>/<date>/tcb/tc3_request,
 * SignedParams=…, SignedHeaders=…, Signature=…` with `X-Timestamp`. The canonical request is
 * `method \n //host/path \n query \n headers \n signed header names \n hash of the params`, the
 * params hash `&key=value\r\n` over the signed (lowercased, non-empty) body fields; the key is
 * derived TC3-style from the secret key. `body` is the decoded `/admin` body (JSON, or the
 * multipart fields with binary parts as Buffers, which the SDK hashes as bytes too).
 */
export function verifyAdminSignature(req: IncomingMessage, body: Record<string, unknown>, credentials: EmulatorCredentials, now = Date.now()): void {
  const authorization = header(req, 'authorization');
  if (!authorization) throw denied('unsigned request: /admin takes requests signed with the emulator credentials (TENCENTCLOUD_SECRETID/SECRETKEY)');
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([\w-]+)\/tc3_request,(?:\s*SignedParams=([^,]*),)?\s*SignedHeaders=([^,]*),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
  if (!match) throw denied('malformed Authorization header');
  const [, secretId, date, service, signedParamsList = '', signedHeadersList, signature] = match;
  if (secretId !== credentials.secretId) throw denied('unknown SecretId');
  const timestamp = Number(header(req, 'x-timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > MAX_SKEW_SECONDS) throw denied('signature expired or X-Timestamp missing');
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) throw denied('credential date does not match X-Timestamp');

  const signedHeaders = signedHeadersList.split(';').filter(Boolean);
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) throw denied('host and content-type must be signed');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      let value = (header(req, name) ?? '').trim().toLowerCase();
      if (name === 'content-type' && value.startsWith('multipart/form-data')) value = 'multipart/form-data';
      return `${name}:${value}\n`;
    })
    .join('');

  // Every non-empty field must be signed (else a captured request could be replayed with more).
  const fields = new Map<string, string | Buffer>();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const formatted = formatValue(value);
    // The SDK skips empty strings (a falsy value), not empty Buffers.
    if (formatted !== '') fields.set(camSafeUrlEncode(key.toLowerCase().trim()), formatted);
  }
  const signedParams = signedParamsList.split(';').filter(Boolean);
  const unsigned = [...fields.keys()].filter((key) => !signedParams.includes(key));
  if (unsigned.length) throw denied(`unsigned fields: ${unsigned.join(', ')}`);
  const payload = createHash('sha256');
  for (const key of signedParams) {
    const value = fields.get(key);
    if (value === undefined) throw denied(`signed field ${key} is missing`);
    payload.update(`&${key}=`);
    payload.update(value);
    payload.update('\r\n');
  }
  const hashedPayload = payload.digest('hex');

  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  const secretSigning = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date), service), 'tc3_request');
  const expected = Buffer.from(signature, 'hex');
  // The SDK signs with its own spelling of the method (lowercase); accept either.
  const valid = [(req.method ?? 'POST').toLowerCase(), (req.method ?? 'POST').toUpperCase()].some((method) => {
    const canonicalRequest = `${method}\n//${header(req, 'host') ?? ''}${path}\n${query}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${hashedPayload}`;
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    return timingSafeEqual(hmac(secretSigning, stringToSign), expected);
  });
  if (!valid) throw new HttpError(403, 'signature does not match', false, 'EMULATOR_SIGNATURE_INVALID');
}
