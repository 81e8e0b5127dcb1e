import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';
import type { RateBucket } from '../domain/rate-limit';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Leases up to `want` tokens of this minute's budget; resolves to how many were leased (0 when
 * the budget is spent). Happy path: one conditional increment. The first request of a minute
 * creates the bucket; near the end of the budget, single tokens are leased so none is stranded.
 */
export async function leaseRateBudget(bucket: RateBucket, limit: number, want: number): Promise<number> {
  const db = getDatabase();
  const _ = db.command;
  const buckets = db.collection(Collections.posRateBuckets);
  const size = Math.max(1, Math.min(want, limit));
  const { stats } = await buckets.where({ _id: bucket.id, count: _.lte(limit - size) }).update({ data: { count: _.inc(size) } });
  if (stats.updated === 1) return size;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await buckets.add({ data: { _id: bucket.id, count: size, expiresAt: bucket.expiresAt } });
      return limit >= 1 ? size : 0;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // The bucket exists with less than a full lease left (or another request just created it).
    const single = await buckets.where({ _id: bucket.id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } });
    if (single.stats.updated === 1) return 1;
    const exists = await buckets.where({ _id: bucket.id }).count();
    if (exists.total === 1) return 0;
  }
  return 0;
}

export async function removeExpiredRateBuckets(now: Date = new Date()): Promise<number> {
  const db = getDatabase();
  const { stats } = await db
    .collection(Collections.posRateBuckets)
    .where({ expiresAt: db.command.lt(now) })
    .remove();
  return stats.removed;
}
