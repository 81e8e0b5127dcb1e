import { DELIVERY_LEASE_MS } from '../../../../shared/integration/outbox/attempt';
import type { Transaction } from '../../../../shared/repositories/database';
import { printJobId, receiptPrinters, routeLines } from '../domain/routing';
import { kitchenTicket, receiptTicket } from '../domain/ticket-format';
import type {
  EnqueuedPrintJobs,
  EnqueueKitchenOptions,
  KitchenTicketKind,
  PrintableLine,
  PrintableOrder,
  PrinterConfig,
  PrintJobRecord,
  ReceiptOrder,
} from '../domain/types';
import { txFindPrinterSettings, txWritePrintJob } from '../repositories/print-repository';

/**
 * A job as written inside the order's transaction: already in flight (`delivering`, attempt 1,
 * leased), so the inline attempt after the commit needs no claim; if the function dies before
 * it, the lease runs out and the ordering timer prints it.
 */
export function newPrintJob(
  fields: Pick<PrintJobRecord, 'orderId' | 'batchId' | 'kind' | 'content' | 'storeId' | 'reprintOf'> & {
    printer: PrinterConfig;
    event: PrintJobRecord['event'];
  },
  now: Date,
): PrintJobRecord {
  const { printer, ...rest } = fields;
  return {
    _id: printJobId(fields.orderId, fields.batchId, printer.printerId),
    integrationId: `${fields.storeId}:${printer.printerId}`,
    ...rest,
    printerId: printer.printerId,
    printerName: printer.name,
    copies: printer.copies,
    data: {},
    occurredAt: now.toISOString(),
    status: 'delivering',
    attempts: 1,
    scheduleStart: 0,
    nextAttemptAt: now,
    leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS),
    lastAttemptAt: now,
    replays: 0,
    createdAt: now,
    updatedAt: now,
  };
}

function strip<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

export async function writeKitchenJobs(
  tx: Transaction,
  order: PrintableOrder,
  lines: PrintableLine[],
  kind: KitchenTicketKind,
  options: EnqueueKitchenOptions,
): Promise<EnqueuedPrintJobs> {
  if (lines.length === 0) return { jobIds: [] };
  if (kind === 'addition' && !options.additionId) throw new Error('enqueueKitchenTickets: additionId is required for an addition');
  const settings = await txFindPrinterSettings(tx, order.storeId);
  if (!settings) return { jobIds: [] };
  const now = options.now ?? new Date();
  const batchId = kind === 'addition' ? `add-${options.additionId}` : 'new';
  const jobs = routeLines(lines, settings.printers).map(({ printer, lines: routed }) =>
    strip(
      newPrintJob(
        {
          orderId: order._id,
          storeId: order.storeId,
          batchId,
          kind,
          event: 'kitchen',
          printer,
          content: kitchenTicket(order, routed, kind, printer.stations),
        },
        now,
      ),
    ),
  );
  for (const job of jobs) await txWritePrintJob(tx, job);
  return { jobIds: jobs.map((j) => j._id) };
}

export async function writeReceiptJobs(tx: Transaction, order: ReceiptOrder, lines: PrintableLine[], options: { now?: Date }): Promise<EnqueuedPrintJobs> {
  const settings = await txFindPrinterSettings(tx, order.storeId);
  if (!settings) return { jobIds: [] };
  const now = options.now ?? new Date();
  const content = receiptTicket(order, lines);
  const jobs = receiptPrinters(settings.printers).map((printer) =>
    strip(newPrintJob({ orderId: order._id, storeId: order.storeId, batchId: 'receipt', kind: 'receipt', event: 'receipt', printer, content }, now)),
  );
  for (const job of jobs) await txWritePrintJob(tx, job);
  return { jobIds: jobs.map((j) => j._id) };
}
