import { Collections } from '../../../shared/collections';
import { getDatabase, isNotFound } from '../../../shared/repositories/database';

export interface StoredAccessToken {
  _id: string;
  integrationId: string;
  apiKey: string;
  expiresAt: Date | string;
  createdAt: Date;
}

/** The token hash is the `_id`: verifying a bearer token is one `doc().get()`. */
export async function saveAccessToken(hash: string, token: Omit<StoredAccessToken, '_id'>): Promise<void> {
  await getDatabase()
    .collection(Collections.posTokens)
    .add({ data: { _id: hash, ...token } });
}

export async function findAccessToken(hash: string): Promise<StoredAccessToken | null> {
  try {
    const { data } = await getDatabase().collection<StoredAccessToken>(Collections.posTokens).doc(hash).get();
    return data ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Housekeeping for the timer: an expired token never authenticates again, so it is only clutter. */
export async function removeExpiredAccessTokens(now: Date = new Date()): Promise<number> {
  const db = getDatabase();
  const { stats } = await db
    .collection(Collections.posTokens)
    .where({ expiresAt: db.command.lt(now) })
    .remove();
  return stats.removed;
}
