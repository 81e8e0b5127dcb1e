import { AppError, CommonErrors, canSeeStore, type ActionContext, type StaffMember } from '../../../../shared/kit';
import type { PosIntegration } from '../../domain/integration';
import { findIntegrationById } from '../../repositories/integration-repository';

export function staffOf(ctx: ActionContext): StaffMember {
  if (!ctx.staff) throw new AppError(CommonErrors.FORBIDDEN);
  return ctx.staff;
}

/** Stores whose data the caller may query; undefined means all (admin). */
export function visibleStoreIds(staff: StaffMember): string[] | undefined {
  return staff.role === 'admin' ? undefined : staff.storeIds;
}

/**
 * Loads an integration the caller may act on. Another store's integration answers "not
 * found" rather than "forbidden", so ids of other stores cannot be probed.
 */
export async function loadIntegrationFor(ctx: ActionContext, id: string): Promise<PosIntegration> {
  const integration = await findIntegrationById(id);
  if (!integration || !canSeeStore(staffOf(ctx), integration.storeId)) {
    throw new AppError(CommonErrors.NOT_FOUND, { message: '接入配置不存在', details: { field: 'integrationId' } });
  }
  return integration;
}
