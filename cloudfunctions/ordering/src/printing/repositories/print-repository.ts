import { Collections } from '../../../../shared/collections';
import { isDuplicateKeyError } from '../../../../shared/integration/duplicate-key';
import { exchangeLogStore } from '../../../../shared/integration/exchange-log-store';
import { outboxStore } from '../../../../shared/integration/outbox/outbox-store';
import { getDatabase, txFindById, type Transaction } from '../../../../shared/repositories/database';
import type { PrintJobRecord, StorePrinterSettings } from '../domain/types';

/** The shared outbox bound to ordering's print jobs, and its exchange log. */
export const printJobs = outboxStore<PrintJobRecord>(Collections.printJobs);
export type PrintLogKind = 'print.kitchen' | 'print.receipt';
export const printLogs = exchangeLogStore<PrintLogKind>(Collections.printLogs);

export function txFindPrinterSettings(tx: Transaction, storeId: string): Promise<StorePrinterSettings | null> {
  return txFindById<StorePrinterSettings>(tx, Collections.storePrinters, storeId);
}

/** The settings of these stores, in one read. */
export async function findPrinterSettings(storeIds: string[]): Promise<Map<string, StorePrinterSettings>> {
  const ids = [...new Set(storeIds)];
  if (ids.length === 0) return new Map();
  const db = getDatabase();
  const { data } = await db
    .collection<StorePrinterSettings>(Collections.storePrinters)
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get();
  return new Map(data.map((s) => [s._id, s]));
}

export async function savePrinterSettings(settings: StorePrinterSettings): Promise<void> {
  const { _id, ...rest } = settings;
  await getDatabase().collection(Collections.storePrinters).doc(_id).set({ data: rest });
}

/** Inside the order's transaction: writes (or rewrites, on a transaction re-run) one job. */
export async function txWritePrintJob(tx: Transaction, job: PrintJobRecord): Promise<void> {
  const { _id, ...rest } = job;
  await tx.collection(Collections.printJobs).doc(_id).set({ data: rest });
}

export async function findPrintJobsByIds(ids: string[]): Promise<PrintJobRecord[]> {
  if (ids.length === 0) return [];
  const db = getDatabase();
  const { data } = await db
    .collection<PrintJobRecord>(Collections.printJobs)
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get();
  return data;
}

export async function findPrintJobsOfOrder(orderId: string): Promise<PrintJobRecord[]> {
  const { data } = await getDatabase().collection<PrintJobRecord>(Collections.printJobs).where({ orderId }).limit(100).get();
  return data;
}

/** Inserts a job; false when a job with this id exists (an idempotent reprint asked again). */
export async function insertPrintJobOnce(job: PrintJobRecord): Promise<boolean> {
  try {
    await getDatabase().collection(Collections.printJobs).add({ data: job });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
