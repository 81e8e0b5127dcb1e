import { toShanghai } from '../../../../shared/domain/time';
import type { PrinterSettingsView, PrintJobView } from '../../../../../typings/api/ordering-printing';
import { plainText } from './ticket-format';
import type { PrintJobRecord, StorePrinterSettings } from './types';

const date = (value: Date | string | undefined): Date => (value instanceof Date ? value : new Date(value ?? 0));

export function toPrintJobView(job: PrintJobRecord): PrintJobView<Date> {
  const updatedAt = date(job.updatedAt);
  return {
    jobId: job._id,
    orderId: job.orderId,
    kind: job.kind,
    reprint: !!job.reprintOf,
    printerId: job.printerId,
    printerName: job.printerName,
    status: job.status,
    attempts: job.attempts,
    lastError: job.lastError ?? '',
    text: plainText(job.content),
    createdAt: date(job.createdAt),
    updatedAt,
    updatedAtText: toShanghai(updatedAt, 'YYYY-MM-DD HH:mm:ss'),
  };
}

export function toPrinterSettingsView(storeId: string, settings: StorePrinterSettings | null): PrinterSettingsView<Date> {
  return {
    storeId,
    feieUser: settings?.feie?.user ?? '',
    feieUkeySet: !!settings?.feie?.ukey,
    printers: (settings?.printers ?? []).map((p) => ({ ...p, stations: [...p.stations] })),
    updatedAt: settings?.updatedAt ? date(settings.updatedAt) : null,
  };
}
