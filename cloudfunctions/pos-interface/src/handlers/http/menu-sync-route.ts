import { AppError, defineRoute, parseInput, parseJsonBody } from '../../../../shared/kit';
import { applyMenuSync } from '../../application/menu-sync';
import { MAX_MENU_ITEMS_PER_SYNC, MenuSyncSchema } from '../../domain/menu-sync';
import { Errors } from '../../errors';
import { signedGuard } from './signed-guard';
import { runExchange } from './exchange';

export { MENU_SYNC_INLINE_WEBHOOKS } from '../../application/menu-sync';

/** POST /v1/pos/menu/sync: the POS pushes its menu; the platform computes each dish's carbon. */
export const menuSyncRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/menu/sync',
  summary: '菜单同步',
  guard: signedGuard(),
  handler: async (req, ctx, caller) =>
    runExchange('menu.sync', req, ctx, caller, async () => {
      const input = parseInput(MenuSyncSchema, parseJsonBody(req.rawBody));
      if (input.restaurantId !== caller.integration.restaurantId) throw new AppError(Errors.RESTAURANT_MISMATCH, { details: { field: 'restaurantId' } });
      if (input.menuItems.length > MAX_MENU_ITEMS_PER_SYNC) {
        throw new AppError(Errors.MENU_TOO_LARGE, { details: { field: 'menuItems', max: MAX_MENU_ITEMS_PER_SYNC, received: input.menuItems.length } });
      }
      const data = await applyMenuSync(caller.integration, input.syncType, input.menuItems, ctx.log);
      return {
        result: { data, message: data.failedCount === 0 ? '同步成功' : '部分同步成功' },
        counts: { total: data.totalCount, success: data.successCount, failed: data.failedCount },
      };
    }),
});
