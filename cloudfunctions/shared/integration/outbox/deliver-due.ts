import { MAX_PAGE_SIZE } from '../../repositories/database';
import type { ExchangeLogStore } from '../exchange-log-store';
import { DELIVERY_LEASE_MS, type AttemptDelivery, type AttemptOutcome } from './attempt';
import { mapWithConcurrency } from './concurrency';
import { FairSelection } from './fair-share';
import type { OutboxRecord } from './outbox-record';
import type { OutboxStore } from './outbox-store';

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

/** What delivering a context's outbox needs: its store, its exchange log, its parties and how to send. */
export interface OutboxDeps<R extends OutboxRecord, P, K extends string = string> {
  store: OutboxStore<R>;
  log: Pick<ExchangeLogStore<K>, 'record' | 'recordMany'>;
  /** the parties (integrations) of these ids, in one read */
  loadParties(ids: string[]): Promise<Map<string, P>>;
  attempt: AttemptDelivery<R, P, K>;
}

/** A run's share per integration: as many as it sends at once, so one slow receiver holds at most one wave. */
export const MAX_PER_INTEGRATION_PER_RUN = 5;
/** Extra reads a run may make to get past integrations that used up their share. */
const MAX_DUE_PAGES = 3;

/**
 * The due records of this run, a fair share per integration (FairSelection). Usually one read;
 * when the first page is one integration's backlog, the next page leaves that integration out.
 */
async function selectDue<R extends OutboxRecord>(store: OutboxStore<R>, now: Date, limit: number, perIntegration: number): Promise<R[]> {
  const selection = new FairSelection<R>(limit, perIntegration);
  for (let page = 0; page < MAX_DUE_PAGES && !selection.full; page++) {
    const excluded = selection.capped();
    const records = await store.findDue(now, MAX_PAGE_SIZE, excluded);
    selection.offer(records);
    if (records.length < MAX_PAGE_SIZE) break;
    if (selection.capped().length === excluded.length) break;
  }
  return selection.ordered();
}

/**
 * A timer's job: retries every due webhook once. Records are claimed one by one with a
 * compare-and-set, so overlapping timer runs split the work instead of doubling it. Each record
 * is on its own: an unexpected failure of one is counted and logged by the timer, and the other
 * records are still sent and their sync logs still written.
 */
export async function deliverDue<R extends OutboxRecord, P, K extends string>(
  deps: OutboxDeps<R, P, K>,
  options: DeliverDueOptions = {},
): Promise<DeliverDueResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const budgetMs = options.budgetMs ?? 6000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const due = await selectDue(deps.store, now, options.limit ?? 50, options.perIntegration ?? MAX_PER_INTEGRATION_PER_RUN);
  if (due.length === 0) return { due: 0, claimed: 0, delivered: 0, retrying: 0, dead: 0, errors: 0 };
  const parties = await deps.loadParties(due.map((r) => r.integrationId));
  let errors = 0;
  const outcomes = await mapWithConcurrency(due, options.concurrency ?? 5, async (record): Promise<AttemptOutcome<R, K> | null> => {
    if (Date.now() - started > budgetMs) return null;
    try {
      const claimedAt = new Date();
      if (!(await deps.store.claim(record, new Date(claimedAt.getTime() + DELIVERY_LEASE_MS), claimedAt))) return null;
      const claimed = { ...record, status: 'delivering' as const, attempts: record.attempts + 1 };
      const outcome = await deps.attempt(claimed, parties.get(record.integrationId) ?? null, timeoutMs);
      await deps.store.finishAttempt(record._id, claimed.attempts, outcome.patch);
      return outcome;
    } catch {
      // A database hiccup on this record: its lease runs out and a later run takes it again.
      errors++;
      return null;
    }
  });
  const done = outcomes.filter((o): o is AttemptOutcome<R, K> => o !== null);
  await deps.log.recordMany(done.map((o) => o.log));
  return {
    due: due.length,
    claimed: done.length,
    delivered: done.filter((o) => o.patch.status === 'delivered').length,
    retrying: done.filter((o) => o.patch.status === 'pending').length,
    dead: done.filter((o) => o.patch.status === 'dead').length,
    errors,
  };
}

/**
 * Writes new records in one bulk write, then makes the first attempt of those written in flight
 * (`status: 'delivering'`, claimed at insert time), `concurrency` at a time, and logs them in one
 * write. Round trips: 1 insert + per inline attempt 1 update + 1 log write.
 */
export async function writeAndAttempt<R extends OutboxRecord, P, K extends string>(
  deps: Omit<OutboxDeps<R, P, K>, 'loadParties'>,
  records: R[],
  parties: ReadonlyMap<string, P>,
  options: { timeoutMs: number; concurrency: number },
): Promise<{ delivered: string[] }> {
  await deps.store.insert(records);
  const inFlight = records.filter((r) => r.status === 'delivering');
  if (inFlight.length === 0) return { delivered: [] };
  const outcomes = await mapWithConcurrency(inFlight, options.concurrency, async (record) => {
    const outcome = await deps.attempt(record, parties.get(record.integrationId) ?? null, options.timeoutMs);
    await deps.store.finishAttempt(record._id, record.attempts, outcome.patch);
    return outcome;
  });
  await deps.log.recordMany(outcomes.map((o) => o.log));
  return { delivered: inFlight.filter((_, i) => outcomes[i].delivered).map((r) => r._id) };
}
