/**
 * Contract of the `ordering` context: the diner's orders (订单 tab and 订单详情) and 扫码点餐
 * (issue 13: tables and codes, staff menu management, the diner's menu, the shared table cart,
 * table orders and the kitchen). The function implements it (cloudfunctions/ordering/src/index.ts);
 * the mini-program calls it through `api.ordering` (type-only). Orders themselves are the order
 * kernel's (cloudfunctions/shared/orders); the reply types of 扫码点餐 and the live-update notes
 * (which collections and documents the kitchen and diner views watch) are in ./ordering-views.ts.
 *
 * Table codes: `wxacode.getUnlimited` with `page = TABLE_CODE_PAGE` and `scene = ${tableId}.${key}`
 * (≤ 32 characters). Every diner action on a table carries that scene: a forged or rotated key is
 * refused (40381 TABLE_CODE_INVALID, 「桌码已失效，请扫描桌上最新的二维码」).
 *
 * Staff actions name their store (`storeId`, checked by the kit) and the record inside it; a
 * record of another store is reported as not found.
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES, type IsoInstant, type Page } from './common';
import { action, defineContract, pingSpec, returns } from './contract';
import { printingActions } from './ordering-printing';

export * from './ordering-printing';
import {
  COUNTER_METHODS,
  KITCHEN_STATIONS,
  KITCHEN_STEPS,
  MEAL_TIMES,
  PAY_MODES,
  SPLIT_MODES,
  TABLE_ORDER_STATUSES,
  WEIGHT_UNITS,
  type CartEdit,
  type CategoryView,
  type CounterPaymentConfirmation,
  type DinerMenu,
  type DishView,
  type KitchenBoard,
  type PlacedTableOrders,
  type TableCart,
  type TableCodeImage,
  type TableCodeSheet,
  type TableOrderView,
  type TableSession,
  type TableView,
} from './ordering-views';

export * from './ordering-views';

/** The mini-program page a table code opens (wxacode `page`, no leading slash); qr-ui registers it. */
export const TABLE_CODE_PAGE = 'pages/ordering/table/index';
/** `wxacode.getUnlimited` scene limit. */
export const MAX_SCENE_LENGTH = 32;
/** Table ids are short so that `${tableId}.${key}` fits the scene: letters, digits, `_`, `-`, ≤ 20. */
export const TABLE_ID_PATTERN = /^[A-Za-z0-9_-]{3,20}$/;
/** Per-table keys: 10 letters/digits. */
export const TABLE_KEY_PATTERN = /^[A-Za-z0-9]{10}$/;
/** Weighed quantities: > 0, at most 3 decimals, at most 100 (斤 or kg). */
export const MAX_WEIGHT = 100;

const sceneSchema = z
  .string()
  .trim()
  .min(1, '桌码不能为空')
  .max(MAX_SCENE_LENGTH, `桌码最多 ${MAX_SCENE_LENGTH} 个字符`)
  .regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/, '桌码含有非法字符');
const storeIdSchema = idSchema;
const tableIdSchema = z.string().regex(TABLE_ID_PATTERN, '桌台编号为 3–20 位字母、数字、_ 或 -');
const dishIdSchema = idSchema;
const orderIdSchema = idSchema;
/** `${tableId}:${round}:${lineKey}` (lineKey: 16 hex of the diner and the dish) */
const lineIdSchema = idSchema;
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 为 8–64 位字母、数字、_ 或 -');
const name = (max: number) => z.string().trim().min(1, '不能为空').max(max, `最多 ${max} 个字符`);
const optionalText = (max: number) => z.string().trim().max(max, `最多 ${max} 个字符`).default('');
const fenSchema = z.number().int('金额必须是整数（分）').min(0, '金额不能为负').max(10_000_000, '金额过大');
const portionsSchema = z.number().int('份数必须是整数').min(1, '份数至少为 1').max(99, '份数最多 99');
/** > 0 with at most 3 decimals. */
export const weightSchema = z
  .number()
  .positive('重量必须大于 0')
  .max(MAX_WEIGHT, `重量最多 ${MAX_WEIGHT}`)
  .refine((w) => Math.abs(Math.round(w * 1000) - w * 1000) < 1e-6, '重量最多 3 位小数');

const ingredientSchema = z
  .object({
    name: name(30),
    quantity: z.number().positive('用量必须大于 0').max(100_000, '用量过大'),
    unit: name(10),
  })
  .strict();

/** A dish as staff save it; carbon is computed from `ingredients` on save (unknown ingredients → 待计算). */
const dishFields = {
  name: name(40),
  categoryId: idSchema,
  priceFen: fenSchema,
  imageFileID: optionalText(300),
  description: optionalText(300),
  ingredients: z.array(ingredientSchema).max(30, '食材最多 30 种').default([]),
  calories: z.number().int().min(0).max(10_000).nullable().default(null),
  allergens: z.array(name(20)).max(20).default([]),
  soldOut: z.boolean().default(false),
  displayOrder: z.number().int().min(0).max(100_000).default(0),
  mealTimes: z.array(z.enum(MEAL_TIMES)).max(MEAL_TIMES.length).default([]),
  soldByWeight: z.boolean().default(false),
  weightUnit: z.enum(WEIGHT_UNITS).nullable().default(null),
};

/**
 * What the diner sees of an order's state, derived from the order's `status` and the
 * `refundStatus` payments write: a refund in progress or done wins over 已支付.
 */
export type MyOrderStatus =
  | 'pending'
  | 'paid'
  | 'confirmed'
  | 'preparing'
  | 'serving'
  | 'closed'
  | 'cancelled'
  | 'completed'
  | 'refunding'
  | 'refunded'
  | 'partially_refunded'
  | 'unknown';

export interface MyOrderSummary {
  _id: string;
  storeId: string;
  /** '' when the store is unknown */
  storeName: string;
  title: string;
  status: MyOrderStatus;
  /** Chinese, e.g. 待支付 */
  statusText: string;
  /** whether 去支付 makes sense (the payment function decides for real) */
  payable: boolean;
  /** order total before member discounts, fen */
  totalFen: number;
  /** what was paid, fen; null until paid */
  paidFen: number | null;
  /** fen; 0 when nothing was refunded */
  refundedFen: number;
  itemCount: number;
  /** null when the order has no creation time */
  createdAt: IsoInstant | null;
  /** Asia/Shanghai, for display */
  createdAtText: string;
}

export type ListMyOrdersResult = Page<MyOrderSummary>;

export interface MyOrderItem {
  name: string;
  qty: number;
  /** unit price, fen */
  priceFen: number;
  /** qty × priceFen, fen */
  subtotalFen: number;
}

/** A smart-cabinet order's own facts on 订单详情: the device and how gift tickets and WeChat split the total (fen). */
export interface MyOrderCabinet {
  deviceCode: string;
  /** what gift tickets paid, and how many tickets that took */
  ticketFen: number;
  ticketsSpent: number;
  /** what WeChat (Pay Score or WeChat Pay) collects */
  wechatFen: number;
}

export interface MyOrderDetail extends MyOrderSummary {
  source: string;
  /** 扫码点餐 / 智能柜 / 收银台 */
  sourceText: string;
  items: MyOrderItem[];
  paymentId: string | null;
  /** wechat / payscore / tickets / cash; null until a payment was started */
  paymentMethod: string | null;
  /** 微信支付 …; '' without a payment */
  paymentMethodText: string;
  paidAt: IsoInstant | null;
  paidAtText: string;
  /** smart-cabinet orders only */
  cabinet?: MyOrderCabinet;
}

export const orderingContract = defineContract({
  name: 'ordering',
  errors: { from: 80, to: 89 },
  actions: {
    ping: pingSpec,
    listMyOrders: action({
      summary: '调用者自己的订单，最新在前，分页',
      input: z.object(pageInputShape).strict(),
      reply: returns<ListMyOrdersResult>(),
    }),
    getMyOrder: action({
      summary: '调用者自己的一个订单及其明细；他人的订单同样报告为不存在',
      input: z.object({ orderId: idSchema }).strict(),
      reply: returns<MyOrderDetail>(),
    }),
    // live views and cloud printing (qr-live): ./ordering-printing.ts
    ...printingActions,

    // ---- 扫码点餐: diner ----------------------------------------------------------------
    resolveTable: action({
      summary: '扫桌码：解析 scene（桌台 + 桌台密钥），伪造或已轮换的桌码报明确错误',
      input: z.object({ scene: sceneSchema }).strict(),
      reply: returns<TableSession>(),
    }),
    getMenu: action({
      summary: '顾客菜单（一次调用）：分类、菜品、价格、会员价、图片、碳标签、售罄、餐段',
      input: z.object({ storeId: storeIdSchema }).strict(),
      reply: returns<DinerMenu>(),
    }),
    getTableCart: action({
      summary: '本桌共享购物车（每行一个文档，记录添加人）',
      input: z.object({ scene: sceneSchema }).strict(),
      reply: returns<TableCart>(),
    }),
    addToCart: action({
      summary: '加入购物车：调用者该菜品的行原子加份数（_.inc），不存在则新建',
      input: z.object({ scene: sceneSchema, dishId: dishIdSchema, quantity: portionsSchema.default(1), remark: optionalText(50) }).strict(),
      reply: returns<CartEdit>(),
    }),
    changeCartLine: action({
      summary: '修改购物车一行（同桌任何人可改）：delta 原子增减，或 quantity 设定；减到 0 即移除',
      input: z
        .object({
          scene: sceneSchema,
          lineId: lineIdSchema,
          delta: z.number().int().min(-99).max(99).optional(),
          quantity: z.number().int().min(0).max(99).optional(),
          remark: z.string().trim().max(50).optional(),
        })
        .strict()
        .refine((v) => v.delta !== undefined || v.quantity !== undefined || v.remark !== undefined, {
          message: 'delta、quantity 或 remark 必填一个',
          path: ['delta'],
        }),
      reply: returns<CartEdit>(),
    }),
    removeCartLine: action({
      summary: '移除购物车一行',
      input: z.object({ scene: sceneSchema, lineId: lineIdSchema }).strict(),
      reply: returns<CartEdit>(),
    }),
    placeTableOrder: action({
      summary: '下单：本轮购物车成为订单（备注、人数、会员价报价、付款方式：现在付 / 到柜台付 / 餐后付）；requestId 幂等',
      input: z
        .object({
          scene: sceneSchema,
          cartRound: z.number().int().min(0),
          partySize: z.number().int().min(1, '人数至少为 1').max(50, '人数最多 50'),
          remarks: optionalText(100),
          payMode: z.enum(PAY_MODES),
          splitMode: z.enum(SPLIT_MODES).default('table'),
          requestId: requestIdSchema,
        })
        .strict(),
      reply: returns<PlacedTableOrders<Date>>(),
    }),
    addDishes: action({
      summary: '加菜：本轮购物车追加到同一桌台订单（后厨收到增量）；requestId 幂等',
      input: z.object({ scene: sceneSchema, cartRound: z.number().int().min(0), orderId: orderIdSchema, requestId: requestIdSchema }).strict(),
      reply: returns<PlacedTableOrders<Date>>(),
    }),
    getTableOrders: action({
      summary: '本桌进行中的订单（扫码后的订单状态）',
      input: z.object({ scene: sceneSchema }).strict(),
      reply: returns<TableOrderView<Date>[]>(),
    }),
    getTableOrder: action({
      summary: '一个桌台订单：下单人与同桌点过菜的人可看；他人报告为不存在',
      input: z.object({ orderId: orderIdSchema }).strict(),
      reply: returns<TableOrderView<Date>>(),
    }),
    cancelTableOrder: action({
      summary: '顾客取消：仅待确认且未支付的订单（规则见 docs/orders.md）',
      input: z.object({ orderId: orderIdSchema, reason: optionalText(100) }).strict(),
      reply: returns<TableOrderView<Date>>(),
    }),

    // ---- 扫码点餐: staff — tables and codes ---------------------------------------------------
    listTables: action({
      summary: '门店桌台列表',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema }).strict(),
      reply: returns<TableView<Date>[]>(),
    }),
    createTable: action({
      summary: '新建桌台（名称、区域、座位数），生成桌台密钥',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, name: name(20), area: optionalText(20), seats: z.number().int().min(1).max(50) }).strict(),
      reply: returns<TableView<Date>>(),
    }),
    updateTable: action({
      summary: '修改桌台（名称、区域、座位数、停用）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: storeIdSchema,
          tableId: tableIdSchema,
          name: name(20).optional(),
          area: z.string().trim().max(20).optional(),
          seats: z.number().int().min(1).max(50).optional(),
          status: z.enum(['active', 'disabled']).optional(),
        })
        .strict(),
      reply: returns<TableView<Date>>(),
    }),
    deleteTable: action({
      summary: '删除桌台（有进行中订单时拒绝）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, tableId: tableIdSchema }).strict(),
      reply: returns<{ deleted: true; tableId: string }>(),
    }),
    rotateTableKey: action({
      summary: '轮换桌台密钥：旧桌码立即失效',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, tableId: tableIdSchema }).strict(),
      reply: returns<TableView<Date>>(),
    }),
    getTableCode: action({
      summary: '桌台小程序码（wxacode.getUnlimited，PNG）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, tableId: tableIdSchema, width: z.number().int().min(280).max(1280).default(430) }).strict(),
      reply: returns<TableCodeImage>(),
    }),
    getTableCodeSheet: action({
      summary: '门店全部桌码打印页（PNG，真实二维码图像与桌名）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema }).strict(),
      reply: returns<TableCodeSheet>(),
    }),

    // ---- 扫码点餐: staff — menu ----------------------------------------------------------------
    listCategories: action({
      summary: '门店菜品分类（按顺序）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema }).strict(),
      reply: returns<CategoryView<Date>[]>(),
    }),
    saveCategory: action({
      summary: '新建或修改分类（名称、出品档口、顺序）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: storeIdSchema,
          categoryId: idSchema.optional(),
          name: name(20),
          station: z.enum(KITCHEN_STATIONS).default('hot'),
          displayOrder: z.number().int().min(0).max(100_000).default(0),
        })
        .strict(),
      reply: returns<CategoryView<Date>>(),
    }),
    deleteCategory: action({
      summary: '删除分类（仍有菜品时拒绝）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, categoryId: idSchema }).strict(),
      reply: returns<{ deleted: true; categoryId: string }>(),
    }),
    listDishes: action({
      summary: '门店菜品（员工视图，含碳足迹与待计算原因），分页',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, categoryId: idSchema.optional(), ...pageInputShape }).strict(),
      reply: returns<Page<DishView<Date>>>(),
    }),
    saveDish: action({
      summary: '新建或修改菜品：保存时计算碳足迹（未知食材为待计算），并推送到门店 POS',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: storeIdSchema,
          /** absent: a new dish */
          itemId: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,40}$/, '菜品编号为 1–40 位字母、数字、_ 或 -')
            .optional(),
          ...dishFields,
        })
        .strict()
        .refine((v) => !v.soldByWeight || v.weightUnit !== null, { message: '称重菜品必须选择计价单位（斤或公斤）', path: ['weightUnit'] }),
      reply: returns<DishView<Date>>(),
    }),
    setDishSoldOut: action({
      summary: '售罄开关',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, dishId: dishIdSchema, soldOut: z.boolean() }).strict(),
      reply: returns<DishView<Date>>(),
    }),
    deleteDish: action({
      summary: '下架菜品（状态 inactive，POS 同步）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, dishId: dishIdSchema }).strict(),
      reply: returns<DishView<Date>>(),
    }),

    // ---- 扫码点餐: staff — kitchen ------------------------------------------------------------
    listKitchenOrders: action({
      summary: '后厨看板：门店进行中的桌台订单，按状态与档口（热菜/凉菜/饮品）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: storeIdSchema,
          station: z.enum(KITCHEN_STATIONS).optional(),
          statuses: z.array(z.enum(TABLE_ORDER_STATUSES)).max(TABLE_ORDER_STATUSES.length).optional(),
        })
        .strict(),
      reply: returns<KitchenBoard<Date>>(),
    }),
    advanceTableOrder: action({
      summary: '推进订单一步：确认 / 开始制作 / 上菜 / 完成（经订单内核，记录日志）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, orderId: orderIdSchema, step: z.enum(KITCHEN_STEPS) }).strict(),
      reply: returns<TableOrderView<Date>>(),
    }),
    weighLine: action({
      summary: '称重：确认前录入称重菜的重量（最多 3 位小数）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, orderId: orderIdSchema, lineNo: z.number().int().min(1), weight: weightSchema }).strict(),
      reply: returns<TableOrderView<Date>>(),
    }),
    confirmCounterPayment: action({
      summary: '柜台收款（现金 / 刷卡）：店员确认，记审计；requestId 幂等',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, orderId: orderIdSchema, method: z.enum(COUNTER_METHODS), requestId: requestIdSchema }).strict(),
      reply: returns<CounterPaymentConfirmation<Date>>(),
    }),
    staffCancelTableOrder: action({
      summary: '店员取消：店员仅限待确认未支付；店长可取消未完成的订单，已支付的须先经 payment.refund 全额退款（规则见 docs/orders.md）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: storeIdSchema, orderId: orderIdSchema, reason: name(100) }).strict(),
      reply: returns<TableOrderView<Date>>(),
    }),
  },
});
export type OrderingContract = typeof orderingContract;
export type ListMyOrdersInput = z.input<typeof orderingContract.actions.listMyOrders.input>;
export type GetMyOrderInput = z.input<typeof orderingContract.actions.getMyOrder.input>;
type InputOf<K extends keyof OrderingContract['actions']> = z.input<OrderingContract['actions'][K]['input']>;
export type SaveDishInput = InputOf<'saveDish'>;
export type SaveCategoryInput = InputOf<'saveCategory'>;
export type PlaceTableOrderInput = InputOf<'placeTableOrder'>;
export type ChangeCartLineInput = InputOf<'changeCartLine'>;
