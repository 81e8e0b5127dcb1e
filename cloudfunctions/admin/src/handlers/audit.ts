import { adminContract, type AuditLogView } from '../../../../typings/api/admin';
import { implement } from '../../../shared/kit';
import { listAuditLogs as queryAuditLogs, type StoredAuditLog } from '../repositories/audit-query-repository';

const masked = (openid: unknown) => (typeof openid === 'string' && openid ? `…${openid.slice(-6)}` : '系统');
const asDate = (value: unknown): Date | null =>
  value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** Both stored entry shapes (shared/audit/audit-log.ts): flat (member, payment, admin) and nested (pos-interface). */
export function toAuditView(entry: StoredAuditLog): AuditLogView {
  const actor = entry.actor as { openid?: string; name?: string } | undefined;
  const target = entry.target as { type?: string; id?: string } | undefined;
  const who = actor
    ? actor.name
      ? `${actor.name}（${masked(actor.openid)}）`
      : masked(actor.openid)
    : str(entry.actorName)
      ? `${str(entry.actorName)}（${masked(entry.operatorOpenid ?? entry.actorOpenid)}）`
      : masked(entry.operatorOpenid ?? entry.actorOpenid);
  const details = entry.details ?? entry.changes;
  const summary = str(entry.summary) || (details ? JSON.stringify(details).slice(0, 300) : '');
  return {
    _id: entry._id,
    at: asDate(entry.at ?? entry.createdAt),
    action: str(entry.action),
    actor: who,
    target: target ? `${str(target.type)}:${str(target.id)}` : `${str(entry.targetType)}:${str(entry.targetId)}`,
    storeId: str(entry.storeId) || null,
    summary,
  };
}

export const listAuditLogs = implement(adminContract.actions.listAuditLogs, async (input) => {
  const page = await queryAuditLogs({ storeId: input.storeId, action: input.actionPrefix }, input.page, input.pageSize);
  return { ...page, items: page.items.map(toAuditView) };
});
