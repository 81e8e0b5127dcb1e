import { Collections } from '../../../shared/collections';
import { getDatabase, type Page } from '../../../shared/repositories/database';

export type StoredAuditLog = Record<string, unknown> & { _id: string };

export interface AuditFilter {
  storeId?: string;
  /** an action or a prefix of one (`payment.`) */
  action?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Newest first by `at` (every writer stamps it: shared/audit/audit-log.ts). */
export async function listAuditLogs(filter: AuditFilter, page: number, pageSize: number): Promise<Page<StoredAuditLog>> {
  const db = getDatabase();
  const where: Record<string, unknown> = {};
  if (filter.storeId) where.storeId = filter.storeId;
  if (filter.action) where.action = db.RegExp({ regexp: `^${escapeRegExp(filter.action)}` });
  const logs = db.collection<StoredAuditLog>(Collections.auditLogs);
  const [{ total }, { data }] = await Promise.all([
    logs.where(where).count(),
    logs
      .where(where)
      .orderBy('at', 'desc')
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ]);
  return { items: data, total, page, pageSize, hasMore: page * pageSize < total };
}
