import { createHash, randomBytes } from 'node:crypto';

/**
 * API credentials for a POS integration. The key identifies, the secret signs; both are
 * random (not derived from anything guessable). The secret leaves the system once, in the
 * create/rotate reply, and is otherwise only stored sealed.
 */
export interface IntegrationCredentials {
  apiKey: string;
  secret: string;
}

export function generateApiKey(): string {
  return `pk_${randomBytes(16).toString('hex')}`;
}

/** 32 random bytes: as strong as the HMAC-SHA256 key it becomes. */
export function generateSecret(): string {
  return `sk_${randomBytes(32).toString('hex')}`;
}

export function generateIntegrationId(): string {
  return `posint_${randomBytes(8).toString('hex')}`;
}

/** First 12 hex of sha256(secret): lets staff and the POS compare secrets without revealing them. */
export function fingerprintSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

export { DEFAULT_ROTATION_GRACE_HOURS, MAX_ROTATION_GRACE_HOURS } from '../../../../typings/api/pos-interface';
