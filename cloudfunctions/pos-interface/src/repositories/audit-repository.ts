import { Collections } from '../../../shared/collections';
import { getDatabase } from '../../../shared/repositories/database';

/** A document of `audit_logs`: who changed what, when. Summaries never carry secrets. */
export interface AuditEntry {
  actor: { openid: string; name?: string; role?: string };
  action: string;
  target: { type: string; id: string };
  storeId?: string;
  summary: string;
  changes?: Record<string, unknown>;
  requestId: string;
  at: Date;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await getDatabase().collection(Collections.auditLogs).add({ data: entry });
}
