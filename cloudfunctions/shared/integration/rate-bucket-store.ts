import { getDatabase } from '../repositories/database';
import { isDuplicateKeyError } from './duplicate-key';
import type { RateBucket } from './rate-budget';

/** The minute buckets of request budgets, one collection per context (`pos_rate_buckets` for pos-interface). */
export interface RateBucketStore {
  /**
   * Leases up to `want` tokens of this minute's budget; resolves to how many were leased (0 when
   * the budget is spent). Happy path: one conditional increment. The first request of a minute
   * creates the bucket; near the end of the budget, single tokens are leased so none is stranded.
   */
  lease(bucket: RateBucket, limit: number, want: number): Promise<number>;
  removeExpired(now?: Date): Promise<number>;
}

export function rateBucketStore(collection: string): RateBucketStore {
  return {
    async lease(bucket, limit, want) {
      const db = getDatabase();
      const _ = db.command;
      const buckets = db.collection(collection);
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
    },
    async removeExpired(now = new Date()) {
      const db = getDatabase();
      const { stats } = await db
        .collection(collection)
        .where({ expiresAt: db.command.lt(now) })
        .remove();
      return stats.removed;
    },
  };
}
