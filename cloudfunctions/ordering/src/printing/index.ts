/**
 * Cloud printing for table orders (issue 13): kitchen tickets per station and receipts on the
 * store's cloud printers (飞鹅 Feie), delivered through the shared outbox with retries and dead
 * letters. This file is the ONE entry the ordering use cases call; everything else in
 * `printing/` is internal (port, adapters, ticket formatting, outbox binding).
 *
 * Usage from a table-order use case (qr-core):
 *
 *   const print = await runInTransaction(async (tx) => {
 *     … placeOrder / 加菜 …
 *     return enqueueTableOrderTickets(tx, order, order.table.additionCount);   // 0 = as placed, n = the n-th 加菜 (its lines only)
 *   });
 *   await sendPrintJobs(print);                                                 // after the commit; never throws
 */
import type { OrderRecord } from '../../../shared/orders/order-record';
import type { Transaction } from '../../../shared/repositories/database';
import { sendPrintJobsNow } from './application/deliver';
import { writeKitchenJobs, writeReceiptJobs } from './application/enqueue';
import { kitchenBatchOf } from './domain/table-batch';
import type { EnqueuedPrintJobs, EnqueueKitchenOptions, KitchenTicketKind, PrintableLine, PrintableOrder, ReceiptOrder } from './domain/types';

export {
  PRINT_STATIONS,
  type EnqueuedPrintJobs,
  type EnqueueKitchenOptions,
  type KitchenTicketKind,
  type PrintableLine,
  type PrintableOrder,
  type PrintStation,
  type ReceiptOrder,
} from './domain/types';

/**
 * Inside the caller's order transaction (the one that creates the order or the addition): routes
 * the lines to the store's printers by station and writes one print job per printer. Job id =
 * order + batch + printer, so a transaction re-run (conflict retry) writes the same jobs, not
 * more; call it once per batch (the placing use case's own idempotency key makes a replayed
 * request skip the transaction). For 'addition', pass ONLY the added lines: the kitchen gets
 * the delta. No printers configured → no jobs. Round trips in `tx`: 1 read (the store's printer
 * settings) + 1 write per printer that gets lines.
 */
export async function enqueueKitchenTickets(
  tx: Transaction,
  order: PrintableOrder,
  lines: PrintableLine[],
  kind: KitchenTicketKind,
  options: EnqueueKitchenOptions = {},
): Promise<EnqueuedPrintJobs> {
  return writeKitchenJobs(tx, order, lines, kind, options);
}

/**
 * The table flow's shortcut: inside the transaction that placed the order (`addition` 0) or
 * added its n-th 加菜 (`addition` n, the order's `table.additionCount` after adding), prints
 * exactly that round's lines (table-batch.ts), marked 【加菜】 for n > 0.
 */
export async function enqueueTableOrderTickets(
  tx: Transaction,
  order: OrderRecord,
  addition: number,
  options: { now?: Date } = {},
): Promise<EnqueuedPrintJobs> {
  const batch = kitchenBatchOf(order, addition);
  return writeKitchenJobs(tx, batch.order, batch.lines, addition > 0 ? 'addition' : 'new', { additionId: String(addition), now: options.now });
}

/**
 * Inside the caller's transaction (paid / completed order): one receipt on the store's receipt
 * printer(s). Idempotent per order.
 */
export async function enqueueReceipt(tx: Transaction, order: ReceiptOrder, lines: PrintableLine[], options: { now?: Date } = {}): Promise<EnqueuedPrintJobs> {
  return writeReceiptJobs(tx, order, lines, options);
}

/**
 * After the commit: makes the first attempt of each job now (inline, short timeout). Failures
 * stay in the outbox for the ordering timer's retries; never throws, so printing can never fail
 * an order.
 */
export async function sendPrintJobs(jobs: EnqueuedPrintJobs): Promise<void> {
  await sendPrintJobsNow(jobs.jobIds);
}
