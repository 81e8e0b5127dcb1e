import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (POS API secrets, vendor keys) are sealed with AES-256-GCM under a master
 * key from configuration (env SECRETS_MASTER_KEY, 32 bytes base64). The key id lets a
 * future key rotation decrypt old records.
 */
export interface SealedSecret {
  alg: 'A256GCM';
  kid: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyFromEnv(env: NodeJS.ProcessEnv = process.env): MasterKey {
  const encoded = env.SECRETS_MASTER_KEY;
  if (!encoded) throw new Error('SECRETS_MASTER_KEY is not configured');
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_MASTER_KEY must be 32 bytes (base64)');
  return { id: env.SECRETS_MASTER_KEY_ID ?? 'k1', key };
}

export function seal(plaintext: string, master: MasterKey, associatedData = ''): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { alg: 'A256GCM', kid: master.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

export function open(sealed: SealedSecret, master: MasterKey, associatedData = ''): string {
  if (sealed.kid !== master.id) throw new Error(`secret sealed with unknown key ${sealed.kid}`);
  const decipher = createDecipheriv('aes-256-gcm', master.key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
