import { createLogger } from '../../../../shared/kit/logger';
import { INLINE_TIMEOUT_MS } from '../../../../shared/integration/outbox/attempt';
import { mapWithConcurrency } from '../../../../shared/integration/outbox/concurrency';
import { deliverDue, type DeliverDueResult } from '../../../../shared/integration/outbox/deliver-due';
import type { PrintJobRecord, PrintTarget } from '../domain/types';
import { findPrinterSettings, findPrintJobsByIds, printJobs, printLogs } from '../repositories/print-repository';
import { attemptPrint } from './attempt';

/** `${storeId}:${printerId}` → the printer and its store's account, in one read. */
export async function loadPrintTargets(integrationIds: string[]): Promise<Map<string, PrintTarget>> {
  const pairs = integrationIds.map((id) => {
    const at = id.lastIndexOf(':');
    return { id, storeId: id.slice(0, at), printerId: id.slice(at + 1) };
  });
  const settings = await findPrinterSettings(pairs.map((p) => p.storeId));
  const targets = new Map<string, PrintTarget>();
  for (const pair of pairs) {
    const store = settings.get(pair.storeId);
    const printer = store?.printers.find((p) => p.printerId === pair.printerId);
    if (store && printer) targets.set(pair.id, { storeId: pair.storeId, printer, account: store.feie ?? null });
  }
  return targets;
}

const deps = { store: printJobs, log: printLogs, attempt: attemptPrint };

/**
 * After the order's commit: the first attempt of each job written in flight, 5 at a time, with
 * the short inline timeout. Never throws: a failure stays in the outbox for the timer.
 * Round trips: 1 read of the jobs + 1 of the printers + per job 1 update + 1 log write.
 */
export async function sendPrintJobsNow(jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  try {
    const jobs = (await findPrintJobsByIds(jobIds)).filter((j) => j.status === 'delivering' && j.attempts === 1 && !j.deliveredAt);
    if (jobs.length === 0) return;
    const targets = await loadPrintTargets(jobs.map((j) => j.integrationId));
    const outcomes = await mapWithConcurrency(jobs, 5, async (job: PrintJobRecord) => {
      const outcome = await attemptPrint(job, targets.get(job.integrationId) ?? null, INLINE_TIMEOUT_MS);
      await printJobs.finishAttempt(job._id, job.attempts, outcome.patch);
      return outcome;
    });
    await printLogs.recordMany(outcomes.map((o) => o.log));
  } catch (error) {
    // The jobs keep their lease; the timer prints them when it runs out.
    createLogger('printing').warn('inline print attempt failed', { jobs: jobIds.length, error: (error as Error).message });
  }
}

/** The ordering timer's printing round: due retries and jobs whose inline attempt never finished. */
export function deliverDuePrintJobs(options: { now?: Date } = {}): Promise<DeliverDueResult> {
  return deliverDue({ ...deps, loadParties: loadPrintTargets }, { now: options.now, limit: 50, perIntegration: 10, timeoutMs: 5000, budgetMs: 6000 });
}

export const printOutboxDeps = deps;
