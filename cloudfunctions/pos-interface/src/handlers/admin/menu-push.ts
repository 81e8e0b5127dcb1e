import { posInterfaceContract } from '../../../../../typings/api/pos-interface';
import { AppError, CommonErrors, canSeeStore, implement } from '../../../../shared/kit';
import { closeAbandonedPush } from '../../application/abandoned-pushes';
import { pushMenu as runMenuPush } from '../../application/menu-push';
import { findMenuPush } from '../../repositories/menu-push-repository';
import { loadIntegrationFor } from './access';
import { audit } from './audit';

/**
 * Pushes the store's menu to the POS (application/menu-push.ts): the page polls getMenuPush with
 * the pushId it chose; the same pushId again returns the first push instead of pushing again.
 */
export const pushMenu = implement(posInterfaceContract.actions.pushMenu, async (input, ctx) => {
  const integration = await loadIntegrationFor(ctx, input.integrationId);
  return runMenuPush(integration, input, ctx.staff.openid, (push) =>
    audit(
      ctx,
      'pos.menu.push',
      { type: 'menu_push', id: push._id, storeId: integration.storeId },
      `向「${integration.name}」推送菜单（${input.syncType}）：共 ${push.totalCount} 项，成功 ${push.successCount}，失败 ${push.failedCount}`,
    ),
  );
});

export const getMenuPush = implement(posInterfaceContract.actions.getMenuPush, async (input, ctx) => {
  const push = await findMenuPush(input.pushId);
  if (!push || !canSeeStore(ctx.staff, push.storeId)) throw new AppError(CommonErrors.NOT_FOUND, { message: '推送记录不存在', details: { field: 'pushId' } });
  // A push still "running" after the function timeout was cut off (timeout, crash): close it now
  // rather than at the next timer run, so the page stops waiting.
  return closeAbandonedPush(push);
});
