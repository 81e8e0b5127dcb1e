import { ORDER_REFUND_STATUSES, ORDER_STATUSES, requireOrderTransition, type OrderRefundStatus, type OrderStatus } from './order-state';

/**
 * The one `orders` document type. Every context reads orders as an OrderRecord (through
 * `readOrder`, the only place that knows older field names) and only this kernel writes them.
 * Money is integer fen.
 */
export const ORDER_SOURCES = ['cabinet', 'table', 'pos'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export interface OrderItem {
  /** the menu item, when the order came from the menu */
  itemId?: string;
  name: string;
  /** portions (whole), or for a weighed dish (`weightUnit` set) the weight with at most 3 decimals */
  quantity: number;
  /** weighed dishes only: the unit `quantity` and `unitPriceFen` are in */
  weightUnit?: 'jin' | 'kg';
  unitPriceFen: number;
  /** quantity × unitPriceFen unless the store priced the line otherwise */
  amountFen: number;
}

/** One line of a table order (扫码点餐): the kitchen's view of `items[lineNo - 1]`. */
export interface TableOrderLine {
  /** 1-based, stable: `items[lineNo - 1]` is the same line */
  lineNo: number;
  /** `menu_items` _id */
  dishId: string;
  name: string;
  /** portions ordered; for a weighed dish the portions the diner asked for */
  portions: number;
  soldByWeight: boolean;
  weightUnit: 'jin' | 'kg' | null;
  /** weighed dishes: the weight staff entered (≤ 3 decimals); null until weighed */
  weight: number | null;
  station: 'hot' | 'cold' | 'drinks';
  remark: string;
  /** 0: the first order; n: the n-th 加菜 */
  addition: number;
  /** openid of the diner who added it */
  addedBy: string;
  /** kg CO₂e per portion (per weight unit when weighed) and the dish's baseline; null when 待计算 */
  carbonKg: number | null;
  baselineKg: number | null;
}

/** One step of a table order's life, as the kitchen or the diner took it. */
export interface TableStatusLogEntry {
  from: string;
  to: string;
  /** `diner:<openid>`, `staff:<staffId>`, `payment` */
  by: string;
  at: Date;
  note?: string;
}

/** 扫码点餐 facts of an order (source `table`): namespaced so that other order packages never collide. */
export interface TableOrderFacts {
  tableId: string;
  tableName: string;
  partySize: number;
  remarks: string;
  payMode: 'now' | 'counter' | 'after_meal';
  splitMode: 'table' | 'diner';
  /** orders placed together with split mode `diner` share it */
  groupId: string;
  /** openids with a line on it: they may read it (security rule of the diner's live view) */
  diners: string[];
  lines: TableOrderLine[];
  /** how many 加菜 rounds were added */
  additionCount: number;
  /** a weighed line is not weighed yet: the order can be neither confirmed nor paid */
  awaitingWeight: boolean;
  /** the cart rounds it consumed (idempotency of place / 加菜) */
  cartRounds: number[];
  requestIds: string[];
  statusLog: TableStatusLogEntry[];
  counterPayment?: { method: 'cash' | 'card'; requestId: string; confirmedBy: string; confirmedAt: Date };
  /**
   * The order awaits a push to the store's POS (placed, 加菜, paid): written with the change in
   * the same transaction, drained by pos-interface's timer through the store's adapter.
   */
  posPush?: { status: 'pending' | 'done' | 'skipped' | 'failed'; reason: string; at: Date; attempts?: number; lastError?: string };
  cancellation?: { by: string; reason: string; at: Date };
}

export interface OrderRecord {
  _id: string;
  storeId: string;
  /** the diner */
  openid: string;
  source: OrderSource;
  title?: string;
  items: OrderItem[];
  /** order total before member discounts */
  totalFen: number;
  status: OrderStatus;
  /** set by refunds; null/absent while nothing is being or was given back */
  refundStatus?: OrderRefundStatus | null;
  /** the payment that claimed (and, once paid, paid) the order */
  paymentId?: string;
  paymentMethod?: string;
  /** what was paid, after member discounts */
  paidFen?: number;
  paidAt?: Date;
  refundedFen?: number;
  createdAt?: Date;
  updatedAt?: Date;
  /** 扫码点餐 orders (source `table`) placed from a table's cart */
  table?: TableOrderFacts;
}

/**
 * An `orders` document as it may be stored: written by seeds, tests and earlier code with other
 * field names (`itemName`, `qty`, `priceFen`) and status spellings. Only `readOrder` looks at it.
 */
export interface StoredOrder {
  _id: string;
  storeId?: string;
  openid?: string;
  source?: string;
  title?: string | null;
  items?: StoredOrderItem[] | null;
  totalFen?: number;
  status?: string;
  refundStatus?: string | null;
  paymentId?: string | null;
  paymentMethod?: string | null;
  paidFen?: number | null;
  paidAt?: Date | string | null;
  refundedFen?: number | null;
  createdAt?: Date | string | null;
  updatedAt?: Date | string | null;
  table?: TableOrderFacts | null;
}

export interface StoredOrderItem {
  itemId?: string;
  name?: string;
  itemName?: string;
  quantity?: number;
  qty?: number;
  unitPriceFen?: number;
  priceFen?: number;
  amountFen?: number;
  weightUnit?: string;
}

/** Older spellings of a status, read as the status they mean. */
const STATUS_ALIASES: Record<string, OrderStatus> = {
  pending_payment: 'pending',
  unpaid: 'pending',
  expired: 'closed',
  canceled: 'cancelled',
  finished: 'completed',
};

/**
 * A document whose source is missing or unknown reads as a table order (扫码点餐), so every order
 * has one; new orders are written with their source.
 */
const DEFAULT_SOURCE: OrderSource = 'table';

/** The stored fields an OrderRecord is read from: what a query projects (and nothing else a context keeps on it). */
export const ORDER_FIELDS = {
  _id: true,
  storeId: true,
  openid: true,
  source: true,
  title: true,
  items: true,
  totalFen: true,
  status: true,
  refundStatus: true,
  paymentId: true,
  paymentMethod: true,
  paidFen: true,
  paidAt: true,
  refundedFen: true,
  createdAt: true,
  updatedAt: true,
  table: true,
} as const;

const wholeFen = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function instant(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A stored status as the state machine knows it: aliases mapped, anything else `unknown`. */
export function normaliseOrderStatus(status: string | null | undefined): OrderStatus {
  if (!status) return 'unknown';
  if ((ORDER_STATUSES as readonly string[]).includes(status)) return status as OrderStatus;
  return STATUS_ALIASES[status] ?? 'unknown';
}

export function normaliseRefundStatus(status: string | null | undefined): OrderRefundStatus | null {
  return status && (ORDER_REFUND_STATUSES as readonly string[]).includes(status) ? (status as OrderRefundStatus) : null;
}

export function isOrderSource(value: unknown): value is OrderSource {
  return typeof value === 'string' && (ORDER_SOURCES as readonly string[]).includes(value);
}

/** A weighed quantity: positive with at most 3 decimals. */
export function isWeighedQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && Math.abs(Math.round(value * 1000) - value * 1000) < 1e-6;
}

export function readOrderItem(item: StoredOrderItem): OrderItem {
  // A line without a usable quantity counts once, as the diner's views always showed it; weighed
  // dishes carry their weight (3 decimals).
  const raw = item.quantity ?? item.qty;
  const weightUnit = item.weightUnit === 'jin' || item.weightUnit === 'kg' ? item.weightUnit : undefined;
  const quantity = wholeFen(raw) || (weightUnit && isWeighedQuantity(raw) ? raw : 1);
  const unitPriceFen = wholeFen(item.unitPriceFen ?? item.priceFen) ?? 0;
  return {
    ...(text(item.itemId) ? { itemId: item.itemId } : {}),
    name: text(item.name) ?? text(item.itemName) ?? '',
    quantity,
    unitPriceFen,
    amountFen: wholeFen(item.amountFen) ?? Math.round(quantity * unitPriceFen),
    ...(weightUnit ? { weightUnit } : {}),
  };
}

/** The ONE reader of `orders` documents: every field under its one name, money in whole fen, instants as Date. */
export function readOrder(stored: StoredOrder): OrderRecord {
  const order: OrderRecord = {
    _id: stored._id,
    storeId: stored.storeId ?? '',
    openid: stored.openid ?? '',
    source: isOrderSource(stored.source) ? stored.source : DEFAULT_SOURCE,
    items: (Array.isArray(stored.items) ? stored.items : []).map(readOrderItem),
    totalFen: wholeFen(stored.totalFen) ?? 0,
    status: normaliseOrderStatus(stored.status),
  };
  const title = text(stored.title);
  if (title) order.title = title;
  const refundStatus = normaliseRefundStatus(stored.refundStatus);
  if (refundStatus) order.refundStatus = refundStatus;
  const paymentId = text(stored.paymentId);
  if (paymentId) order.paymentId = paymentId;
  const paymentMethod = text(stored.paymentMethod);
  if (paymentMethod) order.paymentMethod = paymentMethod;
  const paidFen = wholeFen(stored.paidFen);
  if (paidFen !== undefined) order.paidFen = paidFen;
  const paidAt = instant(stored.paidAt);
  if (paidAt) order.paidAt = paidAt;
  const refundedFen = wholeFen(stored.refundedFen);
  if (refundedFen !== undefined) order.refundedFen = refundedFen;
  const createdAt = instant(stored.createdAt);
  if (createdAt) order.createdAt = createdAt;
  const updatedAt = instant(stored.updatedAt);
  if (updatedAt) order.updatedAt = updatedAt;
  if (stored.table && typeof stored.table === 'object') order.table = stored.table;
  return order;
}

/** Number of portions on the order (a line of 2 counts twice). */
export function itemCountOf(order: Pick<OrderRecord, 'items'>): number {
  return order.items.reduce((sum, item) => sum + item.quantity, 0);
}

export interface NewOrderInput {
  _id: string;
  storeId: string;
  openid: string;
  source: OrderSource;
  title?: string;
  /** `amountFen` defaults to quantity × unitPriceFen */
  items: (Omit<OrderItem, 'amountFen'> & { amountFen?: number })[];
  at: Date;
  /** 扫码点餐 facts (source `table`) */
  table?: TableOrderFacts;
}

/**
 * A new order as the contexts that place orders (cabinet, 扫码点餐) write it: every line priced in
 * whole fen, the total their sum, the status the state machine gives a placed order.
 */
export function newOrderRecord(input: NewOrderInput): OrderRecord {
  const items = input.items.map((item) => {
    const amountFen = item.amountFen ?? item.quantity * item.unitPriceFen;
    for (const fen of [item.quantity, item.unitPriceFen, amountFen]) {
      if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`订单行金额或数量无效: ${item.name}`);
    }
    if (item.quantity === 0) throw new RangeError(`订单行数量无效: ${item.name}`);
    return { ...(item.itemId ? { itemId: item.itemId } : {}), name: item.name, quantity: item.quantity, unitPriceFen: item.unitPriceFen, amountFen };
  });
  const { status } = requireOrderTransition(null, { type: 'place' });
  return {
    _id: input._id,
    storeId: input.storeId,
    openid: input.openid,
    source: input.source,
    ...(input.title ? { title: input.title } : {}),
    items,
    totalFen: items.reduce((sum, item) => sum + item.amountFen, 0),
    status,
    createdAt: input.at,
    updatedAt: input.at,
  };
}

/**
 * The order number a diner reads (`order_demo_pay_001` → `MOPAY001`): the id's letters and digits,
 * the last eight, upper-cased. The mini-program shows the same rule (miniprogram/utils/format.ts).
 */
export function orderNumberOf(orderId: string): string {
  return orderId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-8)
    .toUpperCase();
}
