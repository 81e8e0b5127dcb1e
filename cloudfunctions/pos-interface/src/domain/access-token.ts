import { createHash, randomBytes } from 'node:crypto';

/** OAuth 2.0 client-credentials tokens live 2 hours (seed: 兼容 OAuth 2.0). */
export const ACCESS_TOKEN_TTL_SECONDS = 7200;

/** Only the hash is stored, so a database dump does not hand out working tokens. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function issueAccessToken(now: Date = new Date()): { token: string; hash: string; expiresAt: Date } {
  const token = `at_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashAccessToken(token), expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000) };
}
