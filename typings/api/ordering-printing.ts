/**
 * The `ordering` contract's actions for live views and cloud printing (issue 13, qr-live), kept
 * in their own file and spread into `orderingContract.actions` (./ordering.ts).
 *
 * - `startLiveView`: before the kitchen board watches `orders` from the mini-program, the staff
 *   member gets a live grant for the store (the security rule of `orders` reads it; it expires).
 * - Printers: a store's 飞鹅 Feie account (USER + UKEY; the UKEY is write-only and sealed at rest)
 *   and its printers with their stations (hot / cold / drinks) and whether they print receipts.
 * - Print jobs: every ticket is a job in the print outbox (retried with backoff, dead after the
 *   last attempt); staff list failed jobs, retry a dead one, or reprint an order (idempotent per
 *   `requestId`: the same request prints once).
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES, type IsoInstant, type Page } from './common';
import { action, returns } from './contract';
import { KITCHEN_STATIONS, type KitchenStation } from './ordering-views';

/** A printer serves kitchen stations (the dish category's station). */
export const PRINTER_STATIONS = KITCHEN_STATIONS;
export type PrinterStation = KitchenStation;
export const PRINTER_VENDOR_NAMES = ['feie'] as const;
export const PRINT_JOB_STATUSES = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];
export const PRINT_JOB_KINDS = ['new', 'addition', 'receipt'] as const;
export type PrintJobKind = (typeof PRINT_JOB_KINDS)[number];
export const MAX_PRINTERS_PER_STORE = 10;

export interface LiveViewGrant<Instant = IsoInstant> {
  storeId: string;
  /** the grant's end: the board asks again before it (services/live.ts does) */
  expiresAt: Instant;
}

export interface PrinterView {
  printerId: string;
  name: string;
  vendor: (typeof PRINTER_VENDOR_NAMES)[number];
  sn: string;
  stations: PrinterStation[];
  receipts: boolean;
  copies: number;
  enabled: boolean;
}

export interface PrinterSettingsView<Instant = IsoInstant> {
  storeId: string;
  /** the Feie USER; the UKEY is never returned */
  feieUser: string;
  feieUkeySet: boolean;
  printers: PrinterView[];
  updatedAt: Instant | null;
}

export interface PrintJobView<Instant = IsoInstant> {
  jobId: string;
  orderId: string;
  kind: PrintJobKind;
  /** a reprint (补打) */
  reprint: boolean;
  printerId: string;
  printerName: string;
  status: PrintJobStatus;
  attempts: number;
  lastError: string;
  /** the ticket as printed (markup removed) */
  text: string;
  createdAt: Instant;
  updatedAt: Instant;
  /** Asia/Shanghai */
  updatedAtText: string;
}

export interface ReprintResult<Instant = IsoInstant> {
  jobs: PrintJobView<Instant>[];
}

const storeIdSchema = idSchema;
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 为 8–64 位字母、数字、_ 或 -');
const printerSchema = z
  .object({
    printerId: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, '打印机编号为 1–20 位字母、数字、_ 或 -'),
    name: z.string().trim().min(1, '不能为空').max(20, '最多 20 个字符'),
    vendor: z.enum(PRINTER_VENDOR_NAMES).default('feie'),
    sn: z.string().regex(/^[0-9A-Za-z]{6,20}$/, '打印机 SN 为 6–20 位字母或数字'),
    stations: z.array(z.enum(PRINTER_STATIONS)).max(PRINTER_STATIONS.length).default([]),
    receipts: z.boolean().default(false),
    copies: z.number().int().min(1, '至少 1 联').max(5, '最多 5 联').default(1),
    enabled: z.boolean().default(true),
  })
  .strict();

export const printingActions = {
  startLiveView: action({
    summary: '后厨看板开始实时监听前取得本门店的实时读取授权（安全规则读取，有效期 12 小时）',
    roles: STAFF_ROLES,
    storeField: 'storeId',
    input: z.object({ storeId: storeIdSchema }).strict(),
    reply: returns<LiveViewGrant<Date>>(),
  }),
  getPrinterSettings: action({
    summary: '门店云打印机设置（飞鹅账号，UKEY 不返回；打印机、档口、是否打印结账单）',
    roles: MANAGER_ROLES,
    storeField: 'storeId',
    input: z.object({ storeId: storeIdSchema }).strict(),
    reply: returns<PrinterSettingsView<Date>>(),
  }),
  savePrinterSettings: action({
    summary: '保存门店云打印机设置；feieUkey 留空表示保持原值（加密保存）',
    roles: MANAGER_ROLES,
    storeField: 'storeId',
    input: z
      .object({
        storeId: storeIdSchema,
        feieUser: z.string().trim().min(1, '不能为空').max(64, '最多 64 个字符'),
        feieUkey: z.string().trim().min(8, 'UKEY 至少 8 位').max(64, '最多 64 个字符').optional(),
        printers: z.array(printerSchema).max(MAX_PRINTERS_PER_STORE, `最多 ${MAX_PRINTERS_PER_STORE} 台打印机`),
      })
      .strict()
      .refine((v) => new Set(v.printers.map((p) => p.printerId)).size === v.printers.length, { message: '打印机编号重复', path: ['printers'] }),
    reply: returns<PrinterSettingsView<Date>>(),
  }),
  listPrintJobs: action({
    summary: '打印任务（默认失败的：死信），最新在前；可按订单筛选',
    roles: STAFF_ROLES,
    storeField: 'storeId',
    input: z.object({ storeId: storeIdSchema, status: z.enum(PRINT_JOB_STATUSES).optional(), orderId: idSchema.optional(), ...pageInputShape }).strict(),
    reply: returns<Page<PrintJobView<Date>>>(),
  }),
  retryPrintJob: action({
    summary: '重试一个打印失败（死信）的任务：同一张小票立即再打一次',
    roles: STAFF_ROLES,
    storeField: 'storeId',
    input: z.object({ storeId: storeIdSchema, jobId: idSchema }).strict(),
    reply: returns<PrintJobView<Date>>(),
  }),
  reprintOrder: action({
    summary: '补打订单的后厨单（可只补打一次加菜）；同一 requestId 只打一次',
    roles: STAFF_ROLES,
    storeField: 'storeId',
    input: z.object({ storeId: storeIdSchema, orderId: idSchema, batchId: idSchema.optional(), requestId: requestIdSchema }).strict(),
    reply: returns<ReprintResult<Date>>(),
  }),
};
