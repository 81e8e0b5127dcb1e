import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';
import type { RateBucket } from '../domain/rate-limit';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Takes one request from this minute's budget; false when the budget is spent.
 * Happy path: one conditional increment (`count < limit`). Only when it matches nothing
 * (first request of the minute, or budget spent) do we try to create the bucket.
 */
export async function consumeRateBudget(bucket: RateBucket, limit: number): Promise<boolean> {
  const db = getDatabase();
  const _ = db.command;
  const buckets = db.collection(Collections.posRateBuckets);
  for (let attempt = 0; attempt < 2; attempt++) {
    const { stats } = await buckets.where({ _id: bucket.id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } });
    if (stats.updated === 1) return true;
    try {
      await buckets.add({ data: { _id: bucket.id, count: 1, expiresAt: bucket.expiresAt } });
      return limit >= 1;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Another request created it between our update and add; its count may still be below the limit.
    }
  }
  return false;
}

export async function removeExpiredRateBuckets(now: Date = new Date()): Promise<number> {
  const db = getDatabase();
  const { stats } = await db
    .collection(Collections.posRateBuckets)
    .where({ expiresAt: db.command.lt(now) })
    .remove();
  return stats.removed;
}
