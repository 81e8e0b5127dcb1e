import type { SealedSecret } from '../../../../shared/domain/secret-box';
import type { OutboxRecord } from '../../../../shared/integration/outbox/outbox-record';

/** Kitchen stations a dish is routed to: its category's station (the contract's KITCHEN_STATIONS). */
export { KITCHEN_STATIONS as PRINT_STATIONS, type KitchenStation as PrintStation } from '../../../../../typings/api/ordering-views';
import type { KitchenStation as PrintStation } from '../../../../../typings/api/ordering-views';

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
  /** the dish category's station (qr-core's order line `station`); absent = hot */
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

/** What a receipt adds to the order. */
export interface ReceiptOrder extends PrintableOrder {
  totalFen: number;
  paidFen?: number;
  paymentMethod?: string;
}

/** Cloud printer vendors with an adapter (adapters/registry.ts). */
export const PRINTER_VENDORS = ['feie'] as const;
export type PrinterVendor = (typeof PRINTER_VENDORS)[number];

/** One cloud printer of a store. */
export interface PrinterConfig {
  /** stable id within the store (p1, p2 …) */
  printerId: string;
  name: string;
  vendor: PrinterVendor;
  /** the printer's serial number at the vendor (飞鹅 SN, 9 digits) */
  sn: string;
  /** kitchen stations whose lines print here; empty = prints no kitchen tickets */
  stations: PrintStation[];
  /** prints receipts (结账单) */
  receipts: boolean;
  /** copies per ticket (Feie `times`), 1–5 */
  copies: number;
  enabled: boolean;
}

/** `store_printers/{storeId}`: the store's printers and its vendor account (UKEY sealed at rest). */
export interface StorePrinterSettings {
  _id: string;
  storeId: string;
  feie?: { user: string; ukey: SealedSecret };
  printers: PrinterConfig[];
  updatedAt: Date;
  updatedBy?: string;
}

export type PrintJobEvent = 'kitchen' | 'receipt';

/**
 * A print job: one ticket for one printer, as an outbox record (shared/integration/outbox) so it
 * is retried with backoff and dead-lettered like every outbound call. `integrationId` is
 * `${storeId}:${printerId}` (retries are shared fairly per printer); `_id` is derived from the
 * order, batch and printer (routing.ts printJobId), so a batch prints once however often it is enqueued.
 */
export interface PrintJobRecord extends OutboxRecord<PrintJobEvent> {
  orderId: string;
  /** `new`, the addition's id (加菜), `receipt`, or `reprint:<requestId>` */
  batchId: string;
  kind: 'new' | 'addition' | 'receipt';
  printerId: string;
  printerName: string;
  /** the ticket in the vendor's markup, fixed when enqueued (retries and reprints send the same text) */
  content: string;
  copies: number;
  /** the job this one reprints */
  reprintOf?: string;
  /** the vendor's id for the printed ticket (飞鹅 returns one per print) */
  vendorOrderId?: string;
}

/** What a print attempt needs about its target: the printer and the account's credentials. */
export interface PrintTarget {
  storeId: string;
  printer: PrinterConfig;
  account: { user: string; ukey: SealedSecret } | null;
}
