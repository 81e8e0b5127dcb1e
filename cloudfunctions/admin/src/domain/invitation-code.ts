import { createHash } from 'node:crypto';

/**
 * Invitation codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 59
 * bits, shown as XXXX-XXXX-XXXX. Only a hash is stored (it is the invitation's `_id`), so a
 * database reader cannot use a pending invitation; the code is shown to the inviter once.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;

/** A code from random bytes (one byte per character, rejection-free modulo is fine at 31 of 256: bias < 1 bit in total). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error(`need ${CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  return code;
}

export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a person may type: lower case, spaces and dashes are accepted. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isWellFormedCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/** The invitation's `_id`: `inv_` + 48 hex characters of SHA-256 over the normalized code. */
export function invitationIdOf(code: string): string {
  return `inv_${createHash('sha256')
    .update(`staff-invitation:${normalizeCode(code)}`)
    .digest('hex')
    .slice(0, 48)}`;
}

/** The last 4 characters, to tell invitations apart in the list. */
export function codeHint(code: string): string {
  return normalizeCode(code).slice(-4);
}

/** The staff record an invitation creates: one per openid, so accepting again re-binds instead of duplicating. */
export function staffIdOf(openid: string): string {
  return `staff_${createHash('sha256').update(`staff:${openid}`).digest('hex').slice(0, 32)}`;
}
