import { MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import { findIntegrationsByIds } from '../repositories/integration-repository';
import { claimOutboxRecord, findDueOutboxRecords, finishOutboxAttempt } from '../repositories/outbox-repository';
import { recordSyncLogs } from '../repositories/sync-log-repository';
import { mapWithConcurrency } from './concurrency';
import { attemptDelivery, type AttemptOutcome } from './deliver';
import { DELIVERY_LEASE_MS } from './enqueue';
import { FairSelection } from './fair-share';
import type { OutboxRecord } from './outbox-record';

export interface DeliverDueOptions {
  now?: Date;
  /** records taken per run */
  limit?: number;
  /** records of one integration taken before another integration's are passed over (fair-share.ts) */
  perIntegration?: number;
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
  /** records whose attempt failed unexpectedly (left to their lease; the others went on) */
  errors: number;
}

/** A run's share per integration: as many as it sends at once, so one slow receiver holds at most one wave. */
export const MAX_PER_INTEGRATION_PER_RUN = 5;
/** Extra reads a run may make to get past integrations that used up their share. */
const MAX_DUE_PAGES = 3;

/**
 * The due records of this run, a fair share per integration (FairSelection). Usually one read;
 * when the first page is one integration's backlog, the next page leaves that integration out.
 */
async function selectDue(now: Date, limit: number, perIntegration: number): Promise<OutboxRecord[]> {
  const selection = new FairSelection<OutboxRecord>(limit, perIntegration);
  for (let page = 0; page < MAX_DUE_PAGES && !selection.full; page++) {
    const excluded = selection.capped();
    const records = await findDueOutboxRecords(now, MAX_PAGE_SIZE, excluded);
    selection.offer(records);
    if (records.length < MAX_PAGE_SIZE) break;
    if (selection.capped().length === excluded.length) break;
  }
  return selection.ordered();
}

/**
 * The pos-interface timer's job: retries every due webhook once. Records are claimed one by
 * one with a compare-and-set, so overlapping timer runs split the work instead of doubling it.
 * Each record is on its own: an unexpected failure of one is counted and logged by the timer,
 * and the other records are still sent and their sync logs still written.
 */
export async function deliverDueWebhooks(options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const budgetMs = options.budgetMs ?? 6000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const due = await selectDue(now, options.limit ?? 50, options.perIntegration ?? MAX_PER_INTEGRATION_PER_RUN);
  if (due.length === 0) return { due: 0, claimed: 0, delivered: 0, retrying: 0, dead: 0, errors: 0 };
  const integrations = new Map((await findIntegrationsByIds(due.map((r) => r.integrationId))).map((i) => [i._id, i]));
  let errors = 0;
  const outcomes = await mapWithConcurrency(due, options.concurrency ?? 5, async (record): Promise<AttemptOutcome | null> => {
    if (Date.now() - started > budgetMs) return null;
    try {
      const claimedAt = new Date();
      if (!(await claimOutboxRecord(record, new Date(claimedAt.getTime() + DELIVERY_LEASE_MS), claimedAt))) return null;
      const claimed = { ...record, status: 'delivering' as const, attempts: record.attempts + 1 };
      const outcome = await attemptDelivery(claimed, integrations.get(record.integrationId) ?? null, timeoutMs);
      await finishOutboxAttempt(record._id, claimed.attempts, outcome.patch);
      return outcome;
    } catch {
      // A database hiccup on this record: its lease runs out and a later run takes it again.
      errors++;
      return null;
    }
  });
  const done = outcomes.filter((o): o is AttemptOutcome => o !== null);
  await recordSyncLogs(done.map((o) => o.log));
  return {
    due: due.length,
    claimed: done.length,
    delivered: done.filter((o) => o.patch.status === 'delivered').length,
    retrying: done.filter((o) => o.patch.status === 'pending').length,
    dead: done.filter((o) => o.patch.status === 'dead').length,
    errors,
  };
}
