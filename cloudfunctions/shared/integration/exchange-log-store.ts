import { getDatabase, type Aggregate, type Page } from '../repositories/database';
import type { StatusCounts, SyncLog } from './exchange-log';

/** A log as read back: the database gave it its `_id`. */
export type StoredSyncLog<K extends string = string> = SyncLog<K> & { _id: string };

export interface SyncLogFilter {
  integrationId?: string;
  storeIds?: string[];
  direction?: string;
  kind?: string;
  status?: string;
  from?: Date;
  to?: Date;
}

function toWhere(filter: SyncLogFilter): Record<string, unknown> {
  const _ = getDatabase().command;
  const where: Record<string, unknown> = {};
  if (filter.integrationId) where.integrationId = filter.integrationId;
  if (filter.storeIds) where.storeId = _.in(filter.storeIds);
  if (filter.direction) where.direction = filter.direction;
  if (filter.kind) where.kind = filter.kind;
  if (filter.status) where.status = filter.status;
  if (filter.from && filter.to) where.createdAt = _.gte(filter.from).and(_.lt(filter.to));
  else if (filter.from) where.createdAt = _.gte(filter.from);
  else if (filter.to) where.createdAt = _.lt(filter.to);
  return where;
}

/** The exchange log of one context (`pos_sync_logs` for pos-interface). */
export function exchangeLogStore<K extends string = string>(collection: string) {
  const syncLogs = () => getDatabase().collection(collection);

  /** One round trip; callers do not await it on their hot path's critical section when they can batch. */
  async function recordSyncLog(entry: SyncLog<K>): Promise<string> {
    const { _id } = (await syncLogs().add({ data: entry })) as { _id: string };
    return _id;
  }

  /** Several exchanges (menu-push chunks, a timer's deliveries) in one write. */
  async function recordSyncLogs(entries: SyncLog<K>[]): Promise<void> {
    if (entries.length === 0) return;
    if (entries.length === 1) {
      await recordSyncLog(entries[0]);
      return;
    }
    await syncLogs().add({ data: entries });
  }

  /** Newest first; two parallel round trips (page + total). */
  async function listSyncLogs(filter: SyncLogFilter, page: number, pageSize: number): Promise<Page<StoredSyncLog<K>>> {
    const where = toWhere(filter);
    const [{ data }, { total }] = await Promise.all([
      syncLogs()
        .where(where)
        .orderBy('createdAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get(),
      syncLogs().where(where).count(),
    ]);
    return { items: data as StoredSyncLog<K>[], total, page, pageSize, hasMore: page * pageSize < total };
  }

  async function findSyncLog(id: string): Promise<StoredSyncLog<K> | null> {
    const { data } = await syncLogs().where({ _id: id }).limit(1).get();
    return (data[0] as StoredSyncLog<K> | undefined) ?? null;
  }

  /**
   * Status counts and mean duration per integration since `since`, computed by the database
   * (match + group) so a busy integration's thousands of logs are never read into the function.
   */
  async function countSyncLogsByIntegration(filter: SyncLogFilter & { from: Date }): Promise<Map<string, StatusCounts>> {
    const db = getDatabase();
    const $ = db.command.aggregate;
    const matched = syncLogs().aggregate().match(toWhere(filter)) as Aggregate;
    const { list } = await (
      matched.group({
        _id: { integrationId: '$integrationId', status: '$status' },
        count: $.sum(1),
        durationSum: $.sum('$durationMs'),
      }) as Aggregate
    ).end();
    const byIntegration = new Map<string, StatusCounts & { durationSum: number }>();
    for (const row of list as { _id: { integrationId: string; status: SyncLog['status'] }; count: number; durationSum: number }[]) {
      const counts = byIntegration.get(row._id.integrationId) ?? { success: 0, partial: 0, failed: 0, avgDurationMs: 0, durationSum: 0 };
      if (row._id.status === 'success' || row._id.status === 'partial' || row._id.status === 'failed') counts[row._id.status] += row.count;
      counts.durationSum += row.durationSum ?? 0;
      byIntegration.set(row._id.integrationId, counts);
    }
    const result = new Map<string, StatusCounts>();
    for (const [id, c] of byIntegration) {
      const total = c.success + c.partial + c.failed;
      result.set(id, { success: c.success, partial: c.partial, failed: c.failed, avgDurationMs: total ? c.durationSum / total : 0 });
    }
    return result;
  }

  return { record: recordSyncLog, recordMany: recordSyncLogs, list: listSyncLogs, find: findSyncLog, countByIntegration: countSyncLogsByIntegration };
}

export type ExchangeLogStore<K extends string = string> = ReturnType<typeof exchangeLogStore<K>>;
