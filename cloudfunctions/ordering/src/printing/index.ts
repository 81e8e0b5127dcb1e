/**
 * Cloud printing for table orders (issue 13): kitchen tickets per station and receipts on the
 * store's cloud printers (飞鹅 Feie), delivered through the shared outbox with retries and dead
 * letters. This file is the ONE entry the ordering use cases call; everything else in
 * `printing/` is internal (port, adapters, ticket formatting, outbox binding).
 *
 * Usage from a table-order use case (qr-core):
 *
 *   const print = await runInTransaction(async (tx) => {
 *     … placeOrder / addition …
 *     return enqueueKitchenTickets(tx, order, lines, 'new');      // or 'addition' with only the added lines
 *   });
 *   await sendPrintJobs(print);                                    // after the commit; never throws
 */
import type { Transaction } from '../../../shared/repositories/database';
import { sendPrintJobsNow } from './application/deliver';
import { writeKitchenJobs, writeReceiptJobs } from './application/enqueue';

/** Kitchen stations a dish is routed to (by its category). */
export const PRINT_STATIONS = ['hot', 'cold', 'drinks'] as const;
export type PrintStation = (typeof PRINT_STATIONS)[number];

/** `new`: the order as placed; `addition`: 加菜 — only the lines added by this addition print. */
export type KitchenTicketKind = 'new' | 'addition';

/** What a ticket shows of the order (server form: times are Date). */
export interface PrintableOrder {
  /** the order id (orders._id) */
  _id: string;
  storeId: string;
  /** short number shown to staff and diners, when the order has one */
  orderNo?: string;
  /** the table's name, e.g. A01 */
  tableName?: string;
  partySize?: number;
  remarks?: string;
  placedAt: Date;
}

/** One dish line of a ticket. */
export interface PrintableLine {
  /** stable id of the line within the order (cart line id): keeps reprints and retries identical */
  lineId: string;
  name: string;
  /** may be fractional (3 decimals) for dishes sold by weight */
  quantity: number;
  /** unit for weighed dishes (斤, kg); absent = 份 */
  unit?: string;
  /** the dish category, used for routing when `station` is absent */
  category?: string;
  /** the station, when the menu already knows it (wins over the category mapping) */
  station?: PrintStation;
  /** 口味/备注 of this line */
  remarks?: string;
  unitPriceFen?: number;
  amountFen?: number;
}

/** Identifies one print batch: the order placed, or one addition (加菜) of it. */
export interface PrintBatch {
  /** `new` for the order as placed, or the addition's id for 加菜 (idempotency: one batch prints once) */
  batchId: string;
  kind: KitchenTicketKind | 'receipt';
}

/** What the transaction wrote: the print jobs to attempt after the commit. */
export interface EnqueuedPrintJobs {
  jobIds: string[];
}

export interface EnqueueKitchenOptions {
  /** the addition's id for kind 'addition' (required then); 'new' uses batch id `new` */
  additionId?: string;
  now?: Date;
}

/**
 * Inside the caller's order transaction: routes the lines to the store's printers by station
 * and writes one print job per printer (job id = order + batch + printer, so re-running the
 * transaction or calling again for the same batch never prints twice). For 'addition', pass only
 * the added lines. No printers configured → no jobs. Round trips in `tx`: 1 read (the store's
 * printer configuration) + 1 write per printer that gets lines.
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
 * Inside the caller's transaction (paid / completed order): one receipt on the store's receipt
 * printer(s). Idempotent per order.
 */
export async function enqueueReceipt(
  tx: Transaction,
  order: PrintableOrder & { totalFen: number; paidFen?: number; paymentMethod?: string },
  lines: PrintableLine[],
  options: { now?: Date } = {},
): Promise<EnqueuedPrintJobs> {
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
