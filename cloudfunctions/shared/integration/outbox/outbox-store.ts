import { getDatabase, type Page } from '../../repositories/database';
import type { OutboxRecord, OutboxStatus } from './outbox-record';

export interface OutboxFilter {
  status?: OutboxStatus;
  integrationId?: string;
  storeIds?: string[];
  event?: string;
}

/** The webhook outbox of one context, parameterised by its collection. */
export function outboxStore<R extends OutboxRecord = OutboxRecord>(collection: string) {
  const outbox = () => getDatabase().collection<R>(collection);

  /** All events of one enqueue call in a single write. */
  async function insertOutboxRecords(records: R[]): Promise<void> {
    if (records.length === 0) return;
    await outbox().add({ data: records.length === 1 ? records[0] : records });
  }

  /**
   * Records whose next attempt is due, or whose sender's lease ran out (it crashed mid-send),
   * oldest first; `excludeIntegrationIds` leaves out integrations that already have their share.
   */
  async function findDueOutboxRecords(now: Date, limit: number, excludeIntegrationIds: readonly string[] = []): Promise<R[]> {
    const _ = getDatabase().command;
    const due = _.or([
      { status: 'pending', nextAttemptAt: _.lte(now) },
      { status: 'delivering', leaseUntil: _.lte(now) },
    ]);
    const { data } = await outbox()
      .where(excludeIntegrationIds.length ? _.and([due, { integrationId: _.nin([...excludeIntegrationIds]) }]) : due)
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit)
      .get();
    return data;
  }

  /**
   * Takes a record for one attempt. The condition on the status and attempt count it was read
   * with makes this a compare-and-set: of two timers that read the same record, one updates it
   * and the other sees 0 updated and skips it, so no event is sent twice by concurrent timers.
   */
  async function claimOutboxRecord(record: R, leaseUntil: Date, now: Date): Promise<boolean> {
    const { stats } = await outbox()
      .where({ _id: record._id, status: record.status, attempts: record.attempts })
      .update({ data: { status: 'delivering', attempts: record.attempts + 1, leaseUntil, lastAttemptAt: now, updatedAt: now } });
    return stats.updated === 1;
  }

  /** Stores an attempt's outcome unless another sender took the record over meanwhile. */
  async function finishOutboxAttempt(id: string, attempts: number, patch: Partial<R>): Promise<boolean> {
    const { stats } = await outbox().where({ _id: id, status: 'delivering', attempts }).update({ data: patch });
    return stats.updated === 1;
  }

  /** Puts a dead record back in flight for a replay; false when it is not dead (anymore). */
  async function claimDeadRecordForReplay(record: R, leaseUntil: Date, now: Date): Promise<boolean> {
    const { stats } = await outbox()
      .where({ _id: record._id, status: 'dead', attempts: record.attempts })
      .update({
        data: {
          status: 'delivering',
          attempts: record.attempts + 1,
          scheduleStart: record.attempts,
          replays: (record.replays ?? 0) + 1,
          leaseUntil,
          lastAttemptAt: now,
          updatedAt: now,
        },
      });
    return stats.updated === 1;
  }

  async function findOutboxRecord(id: string): Promise<R | null> {
    const { data } = await outbox().where({ _id: id }).limit(1).get();
    return data[0] ?? null;
  }

  async function listOutboxRecords(filter: OutboxFilter, page: number, pageSize: number): Promise<Page<R>> {
    const _ = getDatabase().command;
    const where: Record<string, unknown> = {};
    if (filter.status) where.status = filter.status;
    if (filter.integrationId) where.integrationId = filter.integrationId;
    if (filter.storeIds) where.storeId = _.in(filter.storeIds);
    if (filter.event) where.event = filter.event;
    const [{ data }, { total }] = await Promise.all([
      outbox()
        .where(where)
        .orderBy('updatedAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get(),
      outbox().where(where).count(),
    ]);
    return { items: data, total, page, pageSize, hasMore: page * pageSize < total };
  }

  return {
    insert: insertOutboxRecords,
    findDue: findDueOutboxRecords,
    claim: claimOutboxRecord,
    finishAttempt: finishOutboxAttempt,
    claimDeadForReplay: claimDeadRecordForReplay,
    find: findOutboxRecord,
    list: listOutboxRecords,
  };
}

export type OutboxStore<R extends OutboxRecord = OutboxRecord> = ReturnType<typeof outboxStore<R>>;
