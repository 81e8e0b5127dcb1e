import type { FlatAuditEntry } from '../../../shared/audit/audit-log';
import type { StaffMember } from '../../../shared/kit';

/** One admin audit entry (flat shape, `admin.*` actions), attributed to the acting staff member. */
export function adminAudit(
  actor: StaffMember | { openid: string; name?: string; role?: string },
  action: string,
  target: { type: string; id: string },
  details: Record<string, unknown>,
  storeId?: string,
): FlatAuditEntry {
  return {
    context: 'admin',
    action: `admin.${action}`,
    targetType: target.type,
    targetId: target.id,
    details,
    ...(storeId ? { storeId } : {}),
    operatorOpenid: actor.openid,
    ...(actor.name ? { actorName: actor.name } : {}),
    ...(actor.role ? { actorRole: actor.role } : {}),
  };
}
