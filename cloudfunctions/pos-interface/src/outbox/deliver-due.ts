import { findIntegrationsByIds } from '../repositories/integration-repository';
import { claimOutboxRecord, findDueOutboxRecords, finishOutboxAttempt } from '../repositories/outbox-repository';
import { recordSyncLogs } from '../repositories/sync-log-repository';
import { mapWithConcurrency } from './concurrency';
import { attemptDelivery, type AttemptOutcome } from './deliver';
import { DELIVERY_LEASE_MS } from './enqueue';

export interface DeliverDueOptions {
  now?: Date;
  /** records read per run (one database page) */
  limit?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** stop claiming new records after this long, so the run ends inside the function timeout */
  budgetMs?: number;
}

export interface DeliverDueResult {
  due: number;
  claimed: number;
  delivered: number;
  retrying: number;
  dead: number;
}

/**
 * The pos-interface timer's job: retries every due webhook once. Records are claimed one by
 * one with a compare-and-set, so overlapping timer runs split the work instead of doubling it.
 */
export async function deliverDueWebhooks(options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const budgetMs = options.budgetMs ?? 6000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const due = await findDueOutboxRecords(now, options.limit ?? 50);
  if (due.length === 0) return { due: 0, claimed: 0, delivered: 0, retrying: 0, dead: 0 };
  const integrations = new Map((await findIntegrationsByIds(due.map((r) => r.integrationId))).map((i) => [i._id, i]));

  const outcomes = await mapWithConcurrency(due, options.concurrency ?? 5, async (record): Promise<AttemptOutcome | null> => {
    if (Date.now() - started > budgetMs) return null;
    const claimedAt = new Date();
    if (!(await claimOutboxRecord(record, new Date(claimedAt.getTime() + DELIVERY_LEASE_MS), claimedAt))) return null;
    const claimed = { ...record, status: 'delivering' as const, attempts: record.attempts + 1 };
    const outcome = await attemptDelivery(claimed, integrations.get(record.integrationId) ?? null, timeoutMs);
    await finishOutboxAttempt(record._id, claimed.attempts, outcome.patch);
    return outcome;
  });
  const done = outcomes.filter((o): o is AttemptOutcome => o !== null);
  await recordSyncLogs(done.map((o) => o.log));
  return {
    due: due.length,
    claimed: done.length,
    delivered: done.filter((o) => o.patch.status === 'delivered').length,
    retrying: done.filter((o) => o.patch.status === 'pending').length,
    dead: done.filter((o) => o.patch.status === 'dead').length,
  };
}
