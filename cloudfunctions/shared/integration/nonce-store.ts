import { getDatabase } from '../repositories/database';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Single-use nonces of signed requests, one collection per context (`pos_nonces` for
 * pos-interface). A nonce is single-use per party (integration), whatever route sees it.
 */
export interface NonceStore {
  /**
   * Records a nonce; false when this party already used it (on any route). The `_id` is the
   * pair, so the insert itself is the atomic check (two concurrent replays cannot both succeed).
   */
  claim(partyId: string, nonce: string, expiresAt: Date): Promise<boolean>;
  /**
   * Gives a claimed nonce back: the request that claimed it was refused before doing anything
   * (429, or the budget could not be read), so resending it unchanged must not look like a replay.
   */
  release(partyId: string, nonce: string): Promise<void>;
  /** Housekeeping for the timer: nonces past their window can never be replayed successfully. */
  removeExpired(now?: Date): Promise<number>;
}

/** The one key of a nonce, whatever route sees it. */
export function nonceKey(partyId: string, nonce: string): string {
  return `${partyId}:${nonce}`;
}

export function nonceStore(collection: string): NonceStore {
  const nonces = () => getDatabase().collection(collection);
  return {
    async claim(partyId, nonce, expiresAt) {
      try {
        await nonces().add({ data: { _id: nonceKey(partyId, nonce), expiresAt } });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    async release(partyId, nonce) {
      await nonces().doc(nonceKey(partyId, nonce)).remove();
    },
    async removeExpired(now = new Date()) {
      const { stats } = await nonces()
        .where({ expiresAt: getDatabase().command.lt(now) })
        .remove();
      return stats.removed;
    },
  };
}
