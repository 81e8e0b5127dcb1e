import { randomBytes } from 'node:crypto';
import { SIGNATURE_HEADERS, signRequest } from './signature';

/**
 * Headers of the standard signature scheme for a call we make, so a POS verifies our calls
 * exactly as we verify theirs: X-API-Key (the integration's key), X-Timestamp (unix seconds,
 * fresh per attempt), X-Nonce (random, fresh per attempt) and X-Signature over the URL's path
 * and query plus the exact body sent.
 */
export function signedHeaders(
  request: { method: string; url: string; body: string; apiKey: string; secret: string },
  now: Date = new Date(),
): Record<string, string> {
  const url = new URL(request.url);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = signRequest(
    { method: request.method, pathWithQuery: `${url.pathname}${url.search}`, timestamp, nonce, rawBody: request.body },
    request.secret,
  );
  return {
    [SIGNATURE_HEADERS.apiKey]: request.apiKey,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}
