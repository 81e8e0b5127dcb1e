import type { Logger } from '../../shared/kit';
import { deliverDuePrintJobs } from './printing/application/deliver';

/**
 * The ordering function's one timer (CloudBase allows one per function; config.json, every
 * minute): print retries and jobs whose inline attempt never finished. Jobs are independent:
 * one failing is logged and the others still run. Further ordering jobs join this table.
 */
export async function orderingTimer(log: Logger): Promise<Record<string, unknown>> {
  const jobs: Record<string, () => Promise<unknown>> = {
    printJobs: () => deliverDuePrintJobs(),
  };
  const names = Object.keys(jobs);
  const settled = await Promise.allSettled(names.map((name) => jobs[name]()));
  const report: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const r = settled[i];
    if (r.status === 'fulfilled') report[name] = r.value;
    else {
      const error = (r.reason as Error)?.message ?? String(r.reason);
      log.error('timer job failed', { job: name, error });
      report[name] = { error };
    }
  });
  return report;
}
