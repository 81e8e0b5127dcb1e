import type { Transaction } from '../../../../shared/repositories/database';
import type { EnqueuedPrintJobs, EnqueueKitchenOptions, KitchenTicketKind, PrintableLine, PrintableOrder } from '../index';

// Skeleton: the signature is fixed for qr-core; the routing and job writes land next.
export async function writeKitchenJobs(
  _tx: Transaction,
  _order: PrintableOrder,
  _lines: PrintableLine[],
  _kind: KitchenTicketKind,
  _options: EnqueueKitchenOptions,
): Promise<EnqueuedPrintJobs> {
  return { jobIds: [] };
}

export async function writeReceiptJobs(
  _tx: Transaction,
  _order: PrintableOrder & { totalFen: number; paidFen?: number; paymentMethod?: string },
  _lines: PrintableLine[],
  _options: { now?: Date },
): Promise<EnqueuedPrintJobs> {
  return { jobIds: [] };
}
