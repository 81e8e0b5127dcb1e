import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';
import { isDuplicateKeyError } from './duplicate-key';

/** The one key of a nonce, whatever route sees it: a nonce is single-use per integration. */
export function nonceKey(integrationId: string, nonce: string): string {
  return `${integrationId}:${nonce}`;
}

/**
 * Records a nonce; false when this integration already used it (on any route). The `_id` is
 * the pair, so the insert itself is the atomic check (two concurrent replays cannot both succeed).
 */
export async function claimNonce(integrationId: string, nonce: string, expiresAt: Date): Promise<boolean> {
  try {
    await getDatabase()
      .collection(Collections.posNonces)
      .add({ data: { _id: nonceKey(integrationId, nonce), expiresAt } });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Gives a claimed nonce back: the request that claimed it was refused before doing anything
 * (429, or the budget could not be read), so resending it unchanged must not look like a replay.
 */
export async function releaseNonce(integrationId: string, nonce: string): Promise<void> {
  await getDatabase().collection(Collections.posNonces).doc(nonceKey(integrationId, nonce)).remove();
}

/** Housekeeping for the timer: nonces past their window can never be replayed successfully. */
export async function removeExpiredNonces(now: Date = new Date()): Promise<number> {
  const db = getDatabase();
  const { stats } = await db
    .collection(Collections.posNonces)
    .where({ expiresAt: db.command.lt(now) })
    .remove();
  return stats.removed;
}
