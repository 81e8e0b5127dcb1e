import type { PrintJobStatus } from '../../../typings/api/ordering';
import { api } from '../../services/api';

export type { PrintJobView, PrinterSettingsView, PrinterView, ReprintResult } from '../../../typings/api/ordering';

/**
 * Cloud printing for staff (ordering's printing actions): failed print jobs, retry, 补打, and
 * the store's printers. Only the admin subpackage uses it.
 */
const ordering = api.ordering;

/** Failed (dead) print jobs by default, newest first. */
export function listPrintJobs(storeId: string, page = 1, pageSize = 20, status: PrintJobStatus = 'dead') {
  return ordering.listPrintJobs({ storeId, status, page, pageSize });
}

export function retryPrintJob(storeId: string, jobId: string) {
  return ordering.retryPrintJob({ storeId, jobId });
}

/** A fresh key per tap: the backend prints each request once, a retried call answers the same jobs. */
export function newReprintRequestId(): string {
  return `rp${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export function reprintOrder(storeId: string, orderId: string, requestId: string, batchId?: string) {
  return ordering.reprintOrder({ storeId, orderId, requestId, ...(batchId ? { batchId } : {}) });
}

export function getPrinterSettings(storeId: string) {
  return ordering.getPrinterSettings({ storeId });
}
