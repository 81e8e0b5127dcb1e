import { randomBytes } from 'node:crypto';
import { AppError, defineRoute, parseInput, parseJsonBody, type Logger } from '../../../../shared/kit';
import { dayjs } from '../../../../shared/domain/time';
import type { PosIntegration } from '../../domain/integration';
import { menuItemDocId, type MenuItemDoc } from '../../domain/menu-item';
import { carbonLabelChanged, MAX_MENU_ITEMS_PER_SYNC, menuItemChanged, MenuSyncSchema, planMenuSync, toMenuItemDoc } from '../../domain/menu-sync';
import { Errors } from '../../errors';
import { enqueueWebhookEvents, type WebhookEventInput } from '../../outbox';
import { deactivateMenuItemsNotIn, findMenuItemsByIds, saveMenuItems } from '../../repositories/menu-item-repository';
import { signedGuard } from './auth-guard';
import { runExchange } from './exchange-log';
import { invalidateStoreMenu } from './menu-cache';

/**
 * Label events (carbon.label.updated) get their first attempt inline, like every webhook, but
 * the POS is waiting for this reply and one sync can change hundreds of labels: only the first
 * this many are attempted inline, 5 at a time with a 3 s timeout each, so the inline part takes
 * at most 2 × 3 s = 6 s of the function's 20 s. The rest are written pending and the timer makes
 * their first attempt within a minute.
 */
export const MENU_SYNC_INLINE_WEBHOOKS = 10;

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

async function applyMenuSync(integration: PosIntegration, syncType: 'full' | 'incremental', items: unknown[], log: Logger) {
  const now = new Date();
  const storeId = integration.storeId;
  const plan = planMenuSync(items, now);
  const existing = new Map((await findMenuItemsByIds(plan.valid.map((v) => menuItemDocId(storeId, v.input.itemId)))).map((d) => [d._id, d]));

  const created: MenuItemDoc[] = [];
  const changed: MenuItemDoc[] = [];
  const events: WebhookEventInput[] = [];
  for (const item of plan.valid) {
    const before = existing.get(menuItemDocId(storeId, item.input.itemId));
    const after = toMenuItemDoc(storeId, item, now, before);
    if (!before) created.push(after);
    else if (menuItemChanged(before, after)) changed.push(after);
    if (carbonLabelChanged(before, after) && after.carbon) {
      events.push({
        integrationId: integration._id,
        event: 'carbon.label.updated',
        data: {
          restaurantId: integration.restaurantId,
          itemId: after.itemId,
          itemName: after.itemName,
          previousLevel: before?.carbon?.carbonLevel ?? null,
          carbonFootprint: {
            value: after.carbon.value,
            unit: after.carbon.unit,
            calculationLevel: after.carbon.calculationLevel,
            baseline: after.carbon.baseline,
            reduction: after.carbon.reduction,
            carbonLevel: after.carbon.carbonLevel,
            certification: after.carbon.certification,
          },
          carbonLabel: after.carbon.label,
        },
      });
    }
  }
  await saveMenuItems(created, changed);
  const deactivatedCount =
    syncType === 'full'
      ? await deactivateMenuItemsNotIn(
          storeId,
          plan.valid.map((v) => v.input.itemId),
          now,
        )
      : 0;
  invalidateStoreMenu(storeId);
  if (events.length) {
    await enqueueWebhookEvents(events, {
      integrations: [integration],
      maxInline: MENU_SYNC_INLINE_WEBHOOKS,
      now,
    });
  }
  log.info('pos menu sync', { integrationId: integration._id, created: created.length, changed: changed.length, deactivatedCount, labelEvents: events.length });

  return {
    syncId: `sync_${dayjs(now).utc().format('YYYYMMDDHHmmss')}_${randomBytes(3).toString('hex')}`,
    totalCount: items.length,
    successCount: plan.valid.length,
    failedCount: plan.failedItems.length,
    failedItems: plan.failedItems,
    carbonPendingItems: plan.valid.filter((v) => v.carbonError).map((v) => ({ itemId: v.input.itemId, reason: v.carbonError!.message })),
    deactivatedCount,
    syncAt: now.toISOString(),
  };
}
