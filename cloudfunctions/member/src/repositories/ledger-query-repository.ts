import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';
import type { PointsLogRecord, TicketLogRecord } from '../../../shared/members/member-record';

export interface LedgerQuery {
  openid: string;
  page: number;
  pageSize: number;
}

/** Newest first; count and page in parallel (two round trips, one latency). */
async function pageOf<T>(collection: string, query: LedgerQuery): Promise<{ items: T[]; total: number }> {
  const ledger = getDatabase().collection<T>(collection);
  const condition = { openid: query.openid };
  const [{ total }, { data }] = await Promise.all([
    ledger.where(condition).count(),
    ledger
      .where(condition)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .get(),
  ]);
  return { items: data, total };
}

export function listPointsLogs(query: LedgerQuery): Promise<{ items: PointsLogRecord[]; total: number }> {
  return pageOf<PointsLogRecord>(Collections.memberPointsLogs, query);
}

export function listTicketLogs(query: LedgerQuery): Promise<{ items: TicketLogRecord[]; total: number }> {
  return pageOf<TicketLogRecord>(Collections.memberTicketLogs, query);
}
