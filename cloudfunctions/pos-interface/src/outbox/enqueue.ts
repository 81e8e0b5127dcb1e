import { randomBytes } from 'node:crypto';
import { DELIVERY_LEASE_MS, INLINE_TIMEOUT_MS } from '../../../shared/integration/outbox/attempt';
import { writeAndAttempt } from '../../../shared/integration/outbox/deliver-due';
import type { PosIntegration, PosOutboxRecord, WebhookEventName } from '../domain/integration';
import { findIntegrationsByIds } from '../repositories/integration-repository';
import { posOutbox, posSyncLogs } from '../repositories/integration-plumbing';
import { attemptDelivery } from './deliver';

/**
 * Contract between inbound sync (which raises events) and the webhook outbox (which delivers
 * them). Implemented by the outbox module; callers pass what happened, never how to deliver.
 */
export interface WebhookEventInput {
  integrationId: string;
  event: WebhookEventName;
  data: Record<string, unknown>;
}

export interface EnqueueOptions {
  /** integrations the caller already loaded: saves the lookup round trip */
  integrations?: PosIntegration[];
  /**
   * Every event's first attempt is made right away, inline, except that at most this many are
   * (in the order given) when a caller must bound its time; the others are written pending and
   * the timer makes their first attempt (default: all inline)
   */
  maxInline?: number;
  /** per-request timeout of the inline attempt; kept short because a caller is waiting */
  inlineTimeoutMs?: number;
  now?: Date;
}

export interface EnqueueResult {
  /** event ids written to the outbox (events nobody subscribed to are dropped) */
  eventIds: string[];
  delivered: string[];
}

export { DELIVERY_LEASE_MS, INLINE_TIMEOUT_MS };
const INLINE_CONCURRENCY = 5;

export function newEventId(): string {
  return `evt_${randomBytes(12).toString('hex')}`;
}

function isSubscribed(integration: PosIntegration | undefined, event: WebhookEventName): integration is PosIntegration {
  return !!integration && integration.status === 'active' && !!integration.webhookUrl && (integration.events ?? []).includes(event);
}

/**
 * Writes the events to the outbox in one bulk write (only for integrations subscribed to the
 * event and with a webhook URL), then makes the first delivery attempt of each inline (of the
 * first `maxInline`; the timer makes the first attempt of the others). Inline attempts run
 * INLINE_CONCURRENCY at a time, so they take at most ceil(n / 5) × the timeout.
 * Round trips: 1 lookup (0 with `integrations`) + 1 insert + per inline attempt 1 update + 1 log write.
 */
export async function enqueueWebhookEvents(events: WebhookEventInput[], options: EnqueueOptions = {}): Promise<EnqueueResult> {
  if (events.length === 0) return { eventIds: [], delivered: [] };
  const now = options.now ?? new Date();
  const maxInline = options.maxInline ?? Number.POSITIVE_INFINITY;
  const known = options.integrations ?? (await findIntegrationsByIds(events.map((e) => e.integrationId)));
  const byId = new Map(known.map((i) => [i._id, i]));

  const records: PosOutboxRecord[] = [];
  for (const input of events) {
    const integration = byId.get(input.integrationId);
    if (!isSubscribed(integration, input.event)) continue;
    // Marked in flight at insert time, so the inline attempt needs no separate claim.
    const inline = records.length < maxInline;
    records.push({
      _id: newEventId(),
      integrationId: integration._id,
      storeId: integration.storeId,
      event: input.event,
      data: input.data,
      occurredAt: now.toISOString(),
      status: inline ? 'delivering' : 'pending',
      attempts: inline ? 1 : 0,
      scheduleStart: 0,
      nextAttemptAt: now,
      ...(inline ? { leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS), lastAttemptAt: now } : {}),
      replays: 0,
      createdAt: now,
      updatedAt: now,
    });
  }
  const { delivered } = await writeAndAttempt({ store: posOutbox, log: posSyncLogs, attempt: attemptDelivery }, records, byId, {
    timeoutMs: options.inlineTimeoutMs ?? INLINE_TIMEOUT_MS,
    concurrency: INLINE_CONCURRENCY,
  });
  return { eventIds: records.map((r) => r._id), delivered };
}
