import { defineRoute, parseInput, parseJsonBody, type RouteDefinition } from '../../../../shared/kit';
import { INBOUND_ROUTES, XIAOMAI_VENDOR, type InboundAck } from '../../adapters/xiaomai/protocol';
import { insertJob, newJob } from '../../application/job-queue';
import { runClaimed } from '../../application/job-runner';
import { processAlarm, processHeartbeat } from '../../application/door-events';
import { cabinetConfig } from '../../config';
import type { JobKind } from '../../domain/records';
import { vendorGuard } from './vendor-guard';

const guard = vendorGuard(() => XIAOMAI_VENDOR);

/**
 * Persist, then process within the budget, then acknowledge: the vendor gets its answer in under
 * 3 s even when we are slow (an attempt still running is finished by the timer once its lease runs
 * out; every step is idempotent, so running it again is safe).
 */
async function persistAndProcess(kind: JobKind, jobId: string, data: Record<string, unknown>): Promise<boolean> {
  const job = newJob(kind, jobId, data, { inline: true });
  if (!(await insertJob(job))) return false;
  const budget = new Promise<void>((resolve) => setTimeout(resolve, cabinetConfig().inlineBudgetMs).unref());
  await Promise.race([runClaimed(job).catch(() => undefined), budget]);
  return true;
}

const ack = (eventId: string, fresh: boolean) => ({
  data: { eventId, duplicate: !fresh } satisfies InboundAck,
  message: fresh ? '已接收' : '重复推送，已忽略',
});

export const vendorRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'POST',
    path: INBOUND_ROUTES.doorEvents.path,
    summary: INBOUND_ROUTES.doorEvents.summary,
    guard,
    handler: async (req) => {
      const event = parseInput(INBOUND_ROUTES.doorEvents.schema, parseJsonBody(req.rawBody));
      return ack(event.eventId, await persistAndProcess(event.type, `ev:${event.eventId}`, event));
    },
  }),
  defineRoute({
    method: 'POST',
    path: INBOUND_ROUTES.orders.path,
    summary: INBOUND_ROUTES.orders.summary,
    guard,
    handler: async (req) => {
      const push = parseInput(INBOUND_ROUTES.orders.schema, parseJsonBody(req.rawBody));
      // Keyed by the vendor order code: the same order pushed again (even with a new eventId) is one job.
      return ack(push.eventId, await persistAndProcess('order.push', `order:${push.orderCode}`, push));
    },
  }),
  defineRoute({
    method: 'POST',
    path: INBOUND_ROUTES.abnormalOrders.path,
    summary: INBOUND_ROUTES.abnormalOrders.summary,
    guard,
    handler: async (req) => {
      const push = parseInput(INBOUND_ROUTES.abnormalOrders.schema, parseJsonBody(req.rawBody));
      return ack(push.eventId, await persistAndProcess('order.abnormal', `order:${push.orderCode}`, push));
    },
  }),
  defineRoute({
    method: 'POST',
    path: INBOUND_ROUTES.heartbeats.path,
    summary: INBOUND_ROUTES.heartbeats.summary,
    guard,
    handler: async (req) => {
      const beat = parseInput(INBOUND_ROUTES.heartbeats.schema, parseJsonBody(req.rawBody));
      // A heartbeat is its own latest state: written at once, nothing to retry.
      await processHeartbeat(beat);
      return ack(beat.eventId, true);
    },
  }),
  defineRoute({
    method: 'POST',
    path: INBOUND_ROUTES.alarms.path,
    summary: INBOUND_ROUTES.alarms.summary,
    guard,
    handler: async (req) => {
      const alarm = parseInput(INBOUND_ROUTES.alarms.schema, parseJsonBody(req.rawBody));
      return ack(alarm.eventId, await processAlarm(alarm));
    },
  }),
];
