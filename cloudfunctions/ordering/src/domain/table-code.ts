import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { MAX_SCENE_LENGTH, TABLE_ID_PATTERN, TABLE_KEY_PATTERN } from '../../../../typings/api/ordering';

/**
 * Table codes: `scene = ${tableId}.${key}` (≤ 32 characters, wxacode.getUnlimited). The key is
 * random per table and replaced on rotation, so an old printed code or a forged one (another
 * table's id with a guessed key) stops working. Pure apart from the random key.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 10 characters from a 57-letter alphabet: ≈ 58 bits, rejection-sampled so every letter is equally likely. */
export function newTableKey(): string {
  let key = '';
  while (key.length < 10) {
    for (const byte of randomBytes(16)) {
      if (byte < 57 * 4 && key.length < 10) key += ALPHABET[byte % 57];
    }
  }
  return key;
}

/** A new table id: `t` + 9 letters/digits (short, so the scene stays well under 32). */
export function newTableId(): string {
  return `t${newTableKey().slice(0, 9)}`;
}

export function sceneOf(tableId: string, key: string): string {
  const scene = `${tableId}.${key}`;
  if (scene.length > MAX_SCENE_LENGTH) throw new RangeError(`桌码超过 ${MAX_SCENE_LENGTH} 个字符: ${tableId}`);
  return scene;
}

/** `options.scene` arrives URL-encoded in the page; the contract takes it decoded or not. */
export function parseScene(scene: string): { tableId: string; key: string } | null {
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return null;
  const tableId = text.slice(0, dot);
  const key = text.slice(dot + 1);
  if (!TABLE_ID_PATTERN.test(tableId) || !TABLE_KEY_PATTERN.test(key)) return null;
  return { tableId, key };
}

/** Constant-time: a forged key learns nothing from the reply time. */
export function keyMatches(stored: string, presented: string): boolean {
  const a = createHash('sha256').update(stored).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The cart line of one diner for one dish in one round: its id, so two adds of the same dish meet on one document. */
export function cartLineId(tableId: string, round: number, openid: string, dishId: string): string {
  const lineKey = createHash('sha1').update(`${openid}\u0000${dishId}`).digest('hex').slice(0, 16);
  return `${tableId}:${round}:${lineKey}`;
}

/** What the cart shows instead of an openid: 桌友 + a short stable number. */
export function dinerLabel(openid: string): string {
  const n = parseInt(createHash('sha1').update(openid).digest('hex').slice(0, 4), 16) % 100;
  return `桌友${String(n).padStart(2, '0')}`;
}
