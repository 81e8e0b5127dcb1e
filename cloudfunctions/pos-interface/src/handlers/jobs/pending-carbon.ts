import type { Logger } from '../../../../shared/kit';
import { menuItemDocId } from '../../domain/menu-item';
import { computeOrderCarbon, nextPendingCheck, type PosOrderDoc } from '../../domain/pos-order';
import { enqueueWebhookEvents, type WebhookEventInput } from '../../outbox';
import { findMenuItemsByIds } from '../../repositories/menu-item-repository';
import { completePendingCarbon, findPendingCarbonOrders, touchPendingCarbon } from '../../repositories/pos-order-repository';

/** first attempts a timer run makes inline: 5 at a time, 3 s each → at most 6 s */
const TIMER_INLINE_WEBHOOKS = 10;

export interface PendingCarbonResult {
  due: number;
  calculated: number;
  stillPending: number;
  events: number;
}

/**
 * Seed 五.5.2, second half: orders accepted with carbon "pending" are recomputed every timer
 * run once their dishes are known; each success raises `order.carbon.calculated` for the POS.
 * Round trips: 1 read of due orders + 1 menu read per 100 dishes + 1 write per order + the outbox.
 */
export async function computePendingCarbon(log: Logger, now = new Date()): Promise<PendingCarbonResult> {
  const due = await findPendingCarbonOrders(now);
  if (due.length === 0) return { due: 0, calculated: 0, stillPending: 0, events: 0 };
  const menuIds = due.flatMap((order) => order.items.map((item) => menuItemDocId(order.storeId, item.menuItemId)));
  const menu = new Map((await findMenuItemsByIds(menuIds)).map((item) => [item._id, item]));

  const events: WebhookEventInput[] = [];
  let stillPending = 0;
  await Promise.all(
    due.map(async (order: PosOrderDoc) => {
      const outcome = computeOrderCarbon(order, order.storeId, menu);
      const attempts = (order.carbonAttempts ?? 0) + 1;
      if (outcome.status === 'pending') {
        stillPending++;
        await touchPendingCarbon(order._id, {
          carbonAttempts: attempts,
          carbonPendingReason: outcome.reason,
          carbonNextCheckAt: nextPendingCheck(attempts, now),
          updatedAt: now,
        });
        return;
      }
      const won = await completePendingCarbon(order._id, {
        carbonStatus: 'calculated',
        carbon: outcome.carbon,
        carbonPendingReason: null,
        carbonAttempts: attempts,
        carbonNextCheckAt: null,
        updatedAt: now,
      });
      if (!won) return;
      events.push({
        integrationId: order.integrationId,
        event: 'order.carbon.calculated',
        // The seed's callback body: orderId, carbonFootprint, status; plus the full figures.
        data: {
          orderId: order.orderId,
          carbonFootprint: outcome.carbon.carbonImpact.totalCarbonFootprint,
          status: 'success',
          transactionType: order.transactionType,
          carbonImpact: outcome.carbon.carbonImpact,
          items: outcome.carbon.items,
        },
      });
    }),
  );
  // Up to 100 orders per run: inline first attempts for all of them (20 waves of up to 3 s with a
  // slow receiver) would hold the timer run for a minute, so the rest get their first attempt from the next run.
  if (events.length) await enqueueWebhookEvents(events, { now, maxInline: TIMER_INLINE_WEBHOOKS });
  log.info('pending carbon', { due: due.length, calculated: events.length, stillPending });
  return { due: due.length, calculated: due.length - stillPending, stillPending, events: events.length };
}
