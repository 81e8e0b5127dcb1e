import type { StaffActionContext } from '../../../../shared/kit';
import { appendAudit } from '../../../../shared/audit/audit-log';

/** Every mutating staff action leaves one audit entry; summaries name things, never secrets. */
export async function audit(
  ctx: StaffActionContext,
  action: string,
  target: { type: string; id: string; storeId?: string },
  summary: string,
  changes?: Record<string, unknown>,
): Promise<void> {
  const { staff } = ctx;
  await appendAudit({
    actor: { openid: staff.openid, name: staff.name, role: staff.role },
    action,
    target: { type: target.type, id: target.id },
    ...(target.storeId ? { storeId: target.storeId } : {}),
    summary,
    ...(changes ? { changes } : {}),
    requestId: ctx.requestId,
  });
}
