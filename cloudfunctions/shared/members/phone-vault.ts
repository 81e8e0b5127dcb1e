import { createHmac, hkdfSync } from 'node:crypto';
import { open, seal, type MasterKey, type SealedSecret } from '../domain/secret-box';

/**
 * Phone numbers at rest (seed 004 六 数据安全): a member document never holds the clear number.
 * It holds the number sealed with the secret box (AES-256-GCM under SECRETS_MASTER_KEY, the
 * member's openid as associated data so a sealed number cannot be moved to another member) and a
 * blind index: HMAC-SHA256 of the number under a key derived from the master key (HKDF, its own
 * label), so staff can look a number up by equality without the database ever seeing it.
 */
export interface ProtectedPhone {
  phoneSealed: SealedSecret;
  /** hex HMAC-SHA256; also the `_id` of the phone's claim document (one member per number) */
  phoneIndex: string;
}

const INDEX_KEY_INFO = 'member-phone-blind-index/v1';

function indexKey(master: MasterKey): Buffer {
  return Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), INDEX_KEY_INFO, 32));
}

function aadFor(openid: string): string {
  return `member-phone:${openid}`;
}

/** The blind index of a number: same number → same index under the same master key. */
export function phoneIndexOf(phone: string, master: MasterKey): string {
  return createHmac('sha256', indexKey(master)).update(phone, 'utf8').digest('hex');
}

export function protectPhone(openid: string, phone: string, master: MasterKey): ProtectedPhone {
  return { phoneSealed: seal(phone, master, aadFor(openid)), phoneIndex: phoneIndexOf(phone, master) };
}

/**
 * The number a member document stands for: the sealed one, or a legacy clear `phone` that has
 * not been migrated yet (see member-repository's migrate-on-read).
 */
export function revealPhone(member: { openid: string; phone?: string | null; phoneSealed?: SealedSecret | null }, master: () => MasterKey): string | null {
  if (member.phoneSealed) return open(member.phoneSealed, master(), aadFor(member.openid));
  return member.phone ?? null;
}
