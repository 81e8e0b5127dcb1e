import { Collections } from '../collections';
import { getDatabase, type Transaction } from '../repositories/database';

/**
 * The one writer of `audit_logs`: every staff action that changes money, members or integrations
 * appends one entry here, inside the same transaction as the change where there is one. Entries
 * are append-only: nothing updates or removes them.
 *
 * Two entry shapes are stored today, kept as they are so existing data and its queries stay valid:
 * the flat shape of member and payment (`targetId`, `operatorOpenid`/`actorOpenid`, `details`) and the
 * nested shape of pos-interface (`actor`, `target`, `summary`). Both name the context and the action
 * (`member.adjustPoints`, `payment.refund`, `pos.integration.create`); the audit viewer reads both.
 */
export interface FlatAuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  /** the store the action was made for (member staff adjustments, redemption verification) */
  storeId?: string;
  context?: string;
  operatorOpenid?: string;
  actorOpenid?: string;
  actorName?: string;
  actorRole?: string;
}

export interface NestedAuditEntry {
  actor: { openid: string; name?: string; role?: string };
  action: string;
  target: { type: string; id: string };
  storeId?: string;
  summary: string;
  changes?: Record<string, unknown>;
  requestId: string;
}

export type AuditEntry = FlatAuditEntry | NestedAuditEntry;

/** Appends inside the caller's transaction; with `id`, a second write of the same fact fails the transaction instead of duplicating. */
export async function appendAuditInTransaction(
  tx: Transaction,
  entry: AuditEntry,
  options: { id?: string; timeField?: 'at' | 'createdAt' } = {},
): Promise<void> {
  // `at` on every entry, so the audit viewer has one field to order by; member's entries keep their `createdAt` too.
  const now = new Date();
  const data = { ...entry, at: now, [options.timeField ?? 'at']: now };
  const logs = tx.collection(Collections.auditLogs);
  if (options.id) await logs.doc(options.id).set({ data });
  else await logs.add({ data });
}

/** Appends outside a transaction (changes that are single-document writes of their own). */
export async function appendAudit(entry: AuditEntry): Promise<void> {
  await getDatabase()
    .collection(Collections.auditLogs)
    .add({ data: { ...entry, at: new Date() } });
}
