/**
 * Reply types and shared vocabulary of the `ordering` context's 扫码点餐 actions (issue 13): tables
 * and their codes, the menu (staff and diner), the shared table cart, table orders and the kitchen.
 * The contract (./ordering.ts) names the actions; this file only holds what they return, so the
 * mini-program (type-only) and the function agree on one shape.
 *
 * Instants: reply types take an `Instant` parameter: the function returns `Date`, the mini-program
 * receives `IsoInstant` (the default).
 *
 * ## Live updates (for the qr-live engineer; the documents the views watch)
 * - 后厨看板 (kitchen): collection `orders`, `where({ storeId, source: 'table', status: _.in(ACTIVE_TABLE_ORDER_STATUSES) })`
 *   — only the active orders of ONE store (≤ 5,000 records per listener). The document is the order
 *   kernel's OrderRecord (cloudfunctions/shared/orders/order-record.ts) with its `table` sub-object
 *   (`table.tableId`, `table.tableName`, `table.lines[]` with `station`, `addition` (the 加菜 round, 0 = first
 *   order), `weighed`…). A change re-reads through `listKitchenOrders` or maps the document with the
 *   same rules (a new `_id` = new-order alert; a higher `table.additionCount` = 加菜 alert).
 * - The diner's table cart: collection `table_cart_lines`, `where({ tableId, round })` where `round`
 *   is `TableSession.cartRound` from `resolveTable`/`getTableCart` (each line is its own document,
 *   `_id = ${tableId}:${round}:${lineKey}`, lineKey = 16 hex of SHA-1(openid + dishId); a line with `quantity: 0` is removed from
 *   view). Placing an order starts a new round: watch again with the new round (`getTableCart`
 *   returns it).
 * - The diner's order status: collection `orders`, `where({ 'table.tableId': tableId, status: _.in(ACTIVE_TABLE_ORDER_STATUSES) })`
 *   or `doc(orderId)`; map with the same rules as `getTableOrder`.
 * Security rules (qr-live declares them): kitchen reads `orders` of the staff member's stores only;
 * a diner reads cart lines of the table whose session they hold and orders whose `table.diners` holds their openid.
 */
import type { IsoInstant } from './common';

// ---------------------------------------------------------------- vocabulary

/** A table order's life (status of the order kernel, table flow). `paid` orders await confirmation like `pending`. */
export const TABLE_ORDER_STATUSES = ['pending', 'confirmed', 'preparing', 'serving', 'completed', 'cancelled'] as const;
export type TableOrderStatus = (typeof TABLE_ORDER_STATUSES)[number];
/** The kernel statuses the kitchen and the diner's live views watch (kernel `paid` = paid, not yet confirmed). */
export const ACTIVE_TABLE_ORDER_STATUSES = ['pending', 'paid', 'confirmed', 'preparing', 'serving'] as const;

/** Kitchen stations; each dish category names one (default `hot`). */
export const KITCHEN_STATIONS = ['hot', 'cold', 'drinks'] as const;
export type KitchenStation = (typeof KITCHEN_STATIONS)[number];

/**
 * Meal times a dish may be limited to (Asia/Shanghai): breakfast 06:00–10:00, lunch 10:00–14:00,
 * afternoon 14:00–17:00, dinner 17:00–21:00, late_night 21:00–02:00. A dish without meal times is
 * available all day.
 */
export const MEAL_TIMES = ['breakfast', 'lunch', 'afternoon', 'dinner', 'late_night'] as const;
export type MealTime = (typeof MEAL_TIMES)[number];

/** How a weighed dish is priced: per 斤 (500 g) or per kg. */
export const WEIGHT_UNITS = ['jin', 'kg'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/** How the table pays: now (WeChat Pay / gift tickets, through payment), at the counter (cash/card, staff confirms), after the meal. */
export const PAY_MODES = ['now', 'counter', 'after_meal'] as const;
export type PayMode = (typeof PAY_MODES)[number];
/** One person pays all (`table`) or each diner pays their own lines (`diner`: one order per diner). */
export const SPLIT_MODES = ['table', 'diner'] as const;
export type SplitMode = (typeof SPLIT_MODES)[number];
/** Counter payments staff confirm. */
export const COUNTER_METHODS = ['cash', 'card'] as const;
export type CounterMethod = (typeof COUNTER_METHODS)[number];

/** Kitchen steps, each one status forward: confirm (pending/paid → confirmed), start, serve, complete. */
export const KITCHEN_STEPS = ['confirm', 'start', 'serve', 'complete'] as const;
export type KitchenStep = (typeof KITCHEN_STEPS)[number];

export type CarbonLevel = 'low' | 'medium' | 'high';

// ---------------------------------------------------------------- tables

export interface TableView<Instant = IsoInstant> {
  _id: string;
  storeId: string;
  /** e.g. A01 */
  name: string;
  area: string;
  seats: number;
  status: 'active' | 'disabled';
  /** the scene of its current code (`${tableId}.${key}`, ≤ 32 chars); changes on rotation */
  scene: string;
  keyRotatedAt: Instant;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface TableCodeImage {
  tableId: string;
  scene: string;
  /** the mini-program page the code opens (`page` of wxacode.getUnlimited) */
  page: string;
  /** cloud storage fileID of the PNG when stored, else '' */
  fileID: string;
  /** the PNG, base64 (no data: prefix) */
  pngBase64: string;
}

export interface TableCodeSheet {
  storeId: string;
  tableCount: number;
  /** `png`: one image with every code and its table name */
  format: 'png';
  pngBase64: string;
  widthPx: number;
  heightPx: number;
}

/** What scanning a table code gives the diner: the table, its store and the cart round to watch. */
export interface TableSession {
  tableId: string;
  tableName: string;
  area: string;
  seats: number;
  storeId: string;
  storeName: string;
  /** the cart round (see the live-update notes above) */
  cartRound: number;
  /** the table's active orders (加菜 goes to the newest one of the caller) */
  activeOrderIds: string[];
}

// ---------------------------------------------------------------- menu

export interface IngredientLine {
  name: string;
  quantity: number;
  /** g, kg, 斤, ml, 个 … (the carbon engine's units) */
  unit: string;
}

/** A dish's carbon label as the diner sees it; `pending` (待计算) when an ingredient is unknown — never guessed. */
export type DishCarbonView =
  | {
      status: 'computed';
      /** kg CO₂e per serving (per 斤/kg for weighed dishes), 2 decimals */
      kgCo2e: number;
      baselineKg: number;
      reductionPercent: number;
      level: CarbonLevel;
      /** https icon URL of the level */
      icon: string;
      /** 低碳排放菜品 … */
      levelText: string;
      certification: string | null;
    }
  | {
      status: 'pending';
      /** 待计算 */
      levelText: string;
      /** what is missing, e.g. 未知食材：松茸 */
      reason: string;
    };

export interface CategoryView<Instant = IsoInstant> {
  _id: string;
  storeId: string;
  name: string;
  station: KitchenStation;
  displayOrder: number;
  updatedAt: Instant;
}

/** A dish as staff edit it (the `menu_items` document, shared with the POS menu sync). */
export interface DishView<Instant = IsoInstant> {
  /** `menu_items` _id (`${storeId}:${itemId}`) */
  _id: string;
  storeId: string;
  itemId: string;
  name: string;
  categoryId: string;
  categoryName: string;
  /** per portion, or per `weightUnit` when sold by weight */
  priceFen: number;
  imageFileID: string;
  description: string;
  ingredients: IngredientLine[];
  carbon: DishCarbonView;
  calories: number | null;
  allergens: string[];
  soldOut: boolean;
  displayOrder: number;
  mealTimes: MealTime[];
  soldByWeight: boolean;
  weightUnit: WeightUnit | null;
  status: 'active' | 'inactive';
  /** who wrote it last: staff here or the store's POS (menu sync) */
  source: 'platform' | 'pos';
  updatedAt: Instant;
}

/** A dish on the diner's menu. */
export interface MenuDish {
  /** `menu_items` _id */
  dishId: string;
  name: string;
  categoryId: string;
  priceFen: number;
  /** the caller's member price (their level's discount), = priceFen without membership */
  memberPriceFen: number;
  imageFileID: string;
  description: string;
  carbon: DishCarbonView;
  calories: number | null;
  allergens: string[];
  soldOut: boolean;
  /** outside its meal times now (shown greyed) */
  available: boolean;
  mealTimes: MealTime[];
  soldByWeight: boolean;
  weightUnit: WeightUnit | null;
  /** 份 / 斤 / kg */
  unitText: string;
}

export interface DinerMenu {
  storeId: string;
  storeName: string;
  /** the meal time now, null outside all of them */
  mealTime: MealTime | null;
  categories: { _id: string; name: string; displayOrder: number }[];
  dishes: MenuDish[];
  /** the caller's member discount, e.g. 0.95; 1 without membership */
  memberDiscount: number;
  memberLevelName: string | null;
  /** the menu's version (changes on every menu edit) */
  version: number;
}

// ---------------------------------------------------------------- cart

export interface CartLine {
  /** the line document's _id */
  lineId: string;
  dishId: string;
  name: string;
  /** portions (weighed dishes: portions ordered, weighed by staff later) */
  quantity: number;
  unitPriceFen: number;
  soldByWeight: boolean;
  remark: string;
  /** who added it: a nickname-free label (桌友 1, 我) and whether it is the caller */
  addedBy: string;
  mine: boolean;
}

export interface TableCart {
  tableId: string;
  cartRound: number;
  lines: CartLine[];
  /** Σ quantity × unitPriceFen of portion dishes; weighed dishes are priced after weighing */
  estimatedFen: number;
  hasWeighedDishes: boolean;
}

/**
 * What a cart edit returns: which line changed. Edits are one atomic update each (≤ 3 DB round
 * trips), so the reply does not re-read the cart: the page follows the cart through the live
 * view (`table_cart_lines`) or `getTableCart`.
 */
export interface CartEdit {
  lineId: string;
  dishId: string;
  cartRound: number;
  /** false when the line no longer exists (e.g. the round was just ordered) */
  applied: boolean;
}

// ---------------------------------------------------------------- orders

export interface TableOrderLine {
  /** stable within the order */
  lineNo: number;
  dishId: string;
  name: string;
  /** portions, or the weighed quantity (3 decimals, in weightUnit) once weighed */
  quantity: number;
  unitPriceFen: number;
  /** 0 until a weighed line is weighed */
  amountFen: number;
  soldByWeight: boolean;
  weightUnit: WeightUnit | null;
  /** false only for a weighed line staff have not weighed yet */
  weighed: boolean;
  station: KitchenStation;
  remark: string;
  /** 0: the first order; n: the n-th 加菜 */
  addition: number;
  /** openid of who added it is not exposed; this is true for the caller's own lines */
  mine: boolean;
  /** kg CO₂e of the line, null when the dish is 待计算 */
  carbonKg: number | null;
}

export interface TableOrderView<Instant = IsoInstant> {
  orderId: string;
  /** what the diner reads (orderNumberOf) */
  orderNumber: string;
  storeId: string;
  tableId: string;
  tableName: string;
  status: TableOrderStatus;
  /** 待确认 / 已确认 / 制作中 / 上菜中 / 已完成 / 已取消 */
  statusText: string;
  partySize: number;
  remarks: string;
  payMode: PayMode;
  splitMode: SplitMode;
  lines: TableOrderLine[];
  additionCount: number;
  /** Σ amountFen */
  totalFen: number;
  /** quote for the order's placer's membership; payment decides for real */
  memberPriceFen: number;
  /** true while a weighed line is not weighed: the order cannot be paid or confirmed yet */
  awaitingWeight: boolean;
  paid: boolean;
  paidFen: number | null;
  paymentMethod: string | null;
  refundedFen: number;
  refundStatus: 'refunding' | 'refunded' | 'partially_refunded' | null;
  /** whether 去支付 makes sense now */
  payable: boolean;
  /** what the caller may do now (the written rules, docs/orders.md) */
  canCancel: boolean;
  canAddDishes: boolean;
  /** order carbon: Σ lines with a computed carbon; the reduction against the dishes' baselines */
  carbon: { totalKg: number; baselineKg: number; reductionKg: number; reductionPercent: number; pendingLines: number };
  createdAt: Instant;
  updatedAt: Instant;
  /** Asia/Shanghai */
  createdAtText: string;
}

export interface KitchenOrderView<Instant = IsoInstant> extends TableOrderView<Instant> {
  /** minutes since placing, for the elapsed-time colour */
  elapsedMinutes: number;
  /** the kitchen step that moves it forward now, null when none */
  nextStep: KitchenStep | null;
}

export interface KitchenBoard<Instant = IsoInstant> {
  storeId: string;
  station: KitchenStation | null;
  orders: KitchenOrderView<Instant>[];
  generatedAt: Instant;
}

/** What placing (or 加菜) returns: the order(s) it created or grew; one per diner with split mode `diner`. */
export interface PlacedTableOrders<Instant = IsoInstant> {
  orders: TableOrderView<Instant>[];
  /** the cart round now open */
  cartRound: number;
  /** true when the lines went to an existing order as 加菜 */
  addition: boolean;
}

export interface CounterPaymentConfirmation<Instant = IsoInstant> {
  order: TableOrderView<Instant>;
  method: CounterMethod;
  paidFen: number;
  confirmedBy: string;
  confirmedAt: Instant;
}
