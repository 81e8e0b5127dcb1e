import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../shared/kit';
import { dayjs } from '../../../shared/domain/time';
import type { PosIntegration } from '../domain/integration';
import { menuItemDocId, type MenuItemDoc } from '../domain/menu-item';
import { carbonLabelChanged, menuItemChanged, planMenuSync, toMenuItemDoc, type MenuSyncPlan } from '../domain/menu-sync';
import { enqueueWebhookEvents, type WebhookEventInput } from '../outbox';
import { deactivateMenuItemsNotIn, findMenuItemsByIds, insertMenuItems, updateMenuItems } from '../repositories/menu-item-repository';
import { invalidateStoreMenu } from './menu-cache';

/**
 * Label events (carbon.label.updated) get their first attempt inline, like every webhook, but
 * the POS is waiting for this reply and one sync can change hundreds of labels: only the first
 * this many are attempted inline, 5 at a time with a 3 s timeout each, so the inline part takes
 * at most 2 × 3 s = 6 s, whatever the function timeout. The rest are written pending and the
 * timer makes their first attempt within a minute.
 */
export const MENU_SYNC_INLINE_WEBHOOKS = 10;

/**
 * The menu-sync use case: the POS's dishes become menu items (carbon computed, changes only),
 * a full sync deactivates what the POS no longer lists, changed carbon labels raise
 * `carbon.label.updated`, and this instance's menu cache forgets the store.
 */
export async function applyMenuSync(integration: PosIntegration, syncType: 'full' | 'incremental', items: unknown[], log: Logger) {
  const now = new Date();
  const storeId = integration.storeId;
  const plan = planMenuSync(items, now);
  const docId = (item: MenuSyncPlan['valid'][number]) => menuItemDocId(storeId, item.input.itemId);
  const existing = new Map((await findMenuItemsByIds(plan.valid.map(docId))).map((d) => [d._id, d]));
  const planned = new Map(plan.valid.map((item) => [docId(item), item]));

  const next = new Map<string, MenuItemDoc>();
  const changed: MenuItemDoc[] = [];
  for (const item of plan.valid) {
    const before = existing.get(docId(item));
    const after = toMenuItemDoc(storeId, item, now, before);
    next.set(after._id, after);
    if (before && menuItemChanged(before, after)) changed.push(after);
  }
  // Dishes a concurrent sync created after our read are existing dishes after all: compare and update.
  const { existing: raced } = await insertMenuItems(plan.valid.filter((item) => !existing.has(docId(item))).map((item) => next.get(docId(item))!));
  for (const stored of raced) {
    const after = toMenuItemDoc(storeId, planned.get(stored._id)!, now, stored);
    existing.set(stored._id, stored);
    next.set(after._id, after);
    if (menuItemChanged(stored, after)) changed.push(after);
  }
  await updateMenuItems(changed);

  const events: WebhookEventInput[] = [];
  for (const after of next.values()) {
    const before = existing.get(after._id);
    if (!after.carbon || !carbonLabelChanged(before, after)) continue;
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
  // Full sync: the POS's menu is the truth, but a dish it sent with a mistake is still on it, and a
  // request in which nothing was valid says nothing about the menu (it must not empty it).
  const deactivatedCount = syncType === 'full' && plan.valid.length > 0 ? await deactivateMenuItemsNotIn(storeId, [...new Set(plan.requestedItemIds)], now) : 0;
  invalidateStoreMenu(storeId);
  if (events.length) {
    await enqueueWebhookEvents(events, {
      integrations: [integration],
      maxInline: MENU_SYNC_INLINE_WEBHOOKS,
      now,
    });
  }
  log.info('pos menu sync', {
    integrationId: integration._id,
    created: plan.valid.length - existing.size,
    changed: changed.length,
    raced: raced.length,
    deactivatedCount,
    labelEvents: events.length,
  });

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
