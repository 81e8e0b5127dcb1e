import { abandonedPushPatch, ABANDONED_PUSH_GRACE_MS, isAbandoned, menuSyncCompletedData, type MenuPush } from '../domain/menu-push';
import { enqueueWebhookEvents } from '../outbox';
import { findIntegrationById } from '../repositories/integration-repository';
import { closeMenuPushIfRunning, findRunningPushesStartedBefore, updateMenuPush } from '../repositories/menu-push-repository';
import { FUNCTION_TIMEOUT_MS } from '../runtime-limits';

/** first attempts made inline per timer run (5 at a time, 3 s each → at most 6 s) */
const TIMER_INLINE_WEBHOOKS = 10;

/**
 * Closes one push that a function timeout (or crash) cut off: failed, and `menu.sync.completed`
 * is raised for it as for any push that ends, so a POS waiting for that event is not left
 * waiting. The close is conditional on "still running", so a poll and the timer closing the same
 * push raise the event once. Returns the push as stored afterwards.
 */
export async function closeAbandonedPush(push: MenuPush, now = new Date(), maxInline = Number.POSITIVE_INFINITY): Promise<MenuPush> {
  if (!isAbandoned(push, now, FUNCTION_TIMEOUT_MS)) return push;
  const patch = abandonedPushPatch(push, now);
  if (!(await closeMenuPushIfRunning(push._id, patch))) return push;
  const closed: MenuPush = { ...push, ...patch };
  const integration = await findIntegrationById(push.integrationId);
  if (!integration) return closed;
  const { eventIds } = await enqueueWebhookEvents(
    [{ integrationId: integration._id, event: 'menu.sync.completed', data: menuSyncCompletedData(closed, integration.restaurantId, 'failed', now) }],
    { integrations: [integration], now, maxInline },
  );
  if (!eventIds[0]) return closed;
  await updateMenuPush(push._id, { eventId: eventIds[0] });
  return { ...closed, eventId: eventIds[0] };
}

/** Timer job: pushes still "running" past the function timeout are closed without waiting for someone to poll them. */
export async function closeAbandonedPushes(now = new Date()): Promise<{ closed: number }> {
  const cutoff = new Date(now.getTime() - FUNCTION_TIMEOUT_MS - ABANDONED_PUSH_GRACE_MS);
  const stale = await findRunningPushesStartedBefore(cutoff, 20);
  let closed = 0;
  for (const push of stale) {
    const after = await closeAbandonedPush(push, now, Math.max(0, TIMER_INLINE_WEBHOOKS - closed));
    if (after.status !== 'running') closed++;
  }
  return { closed };
}
