import { AppError, CommonErrors, canSeeStore, type StaffActionContext, type StaffMember } from '../../../../shared/kit';
import type { PosIntegration } from '../../domain/integration';
import { findIntegrationById } from '../../repositories/integration-repository';

/** Stores whose data the caller may query; undefined means all (admin). */
export function visibleStoreIds(staff: StaffMember): string[] | undefined {
  return staff.role === 'admin' ? undefined : staff.storeIds;
}

/**
 * Loads an integration the caller may act on. Another store's integration answers "not
 * found" rather than "forbidden", so ids of other stores cannot be probed.
 */
export async function loadIntegrationFor(ctx: StaffActionContext, id: string): Promise<PosIntegration> {
  const integration = await findIntegrationById(id);
  if (!integration || !canSeeStore(ctx.staff, integration.storeId)) {
    throw new AppError(CommonErrors.NOT_FOUND, { message: '接入配置不存在', details: { field: 'integrationId' } });
  }
  return integration;
}
