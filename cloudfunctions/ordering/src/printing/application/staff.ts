import { masterKeyFromEnv, seal } from '../../../../shared/domain/secret-box';
import { INLINE_TIMEOUT_MS } from '../../../../shared/integration/outbox/attempt';
import { replayDead } from '../../../../shared/integration/outbox/replay';
import { AppError, CommonErrors } from '../../../../shared/kit/errors';
import type { Page } from '../../../../shared/repositories/database';
import { asReprint } from '../domain/ticket-format';
import type { PrinterConfig, PrintJobRecord, StorePrinterSettings } from '../domain/types';
import { findPrinterSettings, findPrintJobsOfOrder, insertPrintJobOnce, printJobs, printLogs, savePrinterSettings } from '../repositories/print-repository';
import { attemptPrint, feieKeyAad } from './attempt';
import { loadPrintTargets } from './deliver';
import { newPrintJob } from './enqueue';

export async function listPrintJobsOf(
  storeId: string,
  filter: { status?: PrintJobRecord['status']; orderId?: string },
  page: number,
  pageSize: number,
): Promise<Page<PrintJobRecord>> {
  if (filter.orderId) {
    const jobs = (await findPrintJobsOfOrder(filter.orderId)).filter((j) => j.storeId === storeId && (!filter.status || j.status === filter.status));
    jobs.sort((a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime());
    return { items: jobs.slice((page - 1) * pageSize, page * pageSize), total: jobs.length, page, pageSize, hasMore: page * pageSize < jobs.length };
  }
  return printJobs.list({ storeIds: [storeId], status: filter.status ?? 'dead' }, page, pageSize);
}

/** A dead job printed again now, with a fresh schedule (shared outbox replay). */
export function retryDeadPrintJob(storeId: string, jobId: string): Promise<PrintJobRecord> {
  return replayDead(
    {
      store: printJobs,
      log: printLogs,
      attempt: attemptPrint,
      loadParty: async (integrationId) => (await loadPrintTargets([integrationId])).get(integrationId) ?? null,
    },
    jobId,
    (jobStore) => jobStore === storeId,
  );
}

/**
 * 补打: the order's kitchen tickets (of one batch, or all) printed again as they were first
 * printed, marked 【补打】. Idempotent: the job ids carry `requestId`, so the same request
 * (a double tap, a retried call) creates and prints each ticket once and answers the same jobs.
 */
export async function reprintOrderTickets(storeId: string, orderId: string, requestId: string, batchId?: string): Promise<PrintJobRecord[]> {
  const jobs = await findPrintJobsOfOrder(orderId);
  const originals = jobs.filter((j) => j.storeId === storeId && !j.reprintOf && j.kind !== 'receipt' && (!batchId || j.batchId === batchId));
  if (originals.length === 0) throw new AppError(CommonErrors.NOT_FOUND, { message: '该订单没有可补打的后厨单', details: { field: 'orderId' } });
  const settings = (await findPrinterSettings([storeId])).get(storeId);
  const now = new Date();
  const created: PrintJobRecord[] = [];
  const answer: PrintJobRecord[] = [];
  for (const original of originals) {
    const printer: PrinterConfig = settings?.printers.find((p) => p.printerId === original.printerId) ?? {
      printerId: original.printerId,
      name: original.printerName,
      vendor: 'feie',
      sn: '',
      stations: [],
      receipts: false,
      copies: original.copies,
      enabled: false,
    };
    const job = newPrintJob(
      {
        orderId,
        storeId,
        batchId: `${original.batchId}~reprint-${requestId}`,
        kind: original.kind,
        event: original.event,
        printer,
        content: asReprint(original.content),
        reprintOf: original._id,
      },
      now,
    );
    const existing = jobs.find((j) => j._id === job._id);
    if (existing) answer.push(existing);
    else if (await insertPrintJobOnce(job)) {
      created.push(job);
      answer.push(job);
    } else answer.push((await printJobs.find(job._id)) ?? job);
  }
  if (created.length) {
    const targets = await loadPrintTargets(created.map((j) => j.integrationId));
    const outcomes = await Promise.all(
      created.map(async (job) => {
        const outcome = await attemptPrint(job, targets.get(job.integrationId) ?? null, INLINE_TIMEOUT_MS);
        await printJobs.finishAttempt(job._id, job.attempts, outcome.patch);
        Object.assign(job, outcome.patch);
        return outcome;
      }),
    );
    await printLogs.recordMany(outcomes.map((o) => o.log));
  }
  return answer;
}

export async function readPrinterSettings(storeId: string): Promise<StorePrinterSettings | null> {
  return (await findPrinterSettings([storeId])).get(storeId) ?? null;
}

/** Saves the store's printers; a new UKEY is sealed (AAD = the store), an absent one keeps the stored key. */
export async function writePrinterSettings(
  storeId: string,
  input: { feieUser: string; feieUkey?: string; printers: PrinterConfig[] },
  updatedBy: string,
): Promise<StorePrinterSettings> {
  const current = await readPrinterSettings(storeId);
  const ukey = input.feieUkey ? seal(input.feieUkey, masterKeyFromEnv(), feieKeyAad(storeId)) : current?.feie?.ukey;
  if (!ukey && input.printers.some((p) => p.enabled)) {
    throw new AppError(CommonErrors.VALIDATION_FAILED, { message: '请填写飞鹅 UKEY', details: { field: 'feieUkey' } });
  }
  const settings: StorePrinterSettings = {
    _id: storeId,
    storeId,
    ...(ukey ? { feie: { user: input.feieUser, ukey } } : {}),
    printers: input.printers,
    updatedAt: new Date(),
    updatedBy,
  };
  await savePrinterSettings(settings);
  return settings;
}
