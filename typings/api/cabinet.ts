/**
 * Contract of the `cabinet` context (smart cabinets, seed 004 / issue 9): the diner's scan → checks
 * → open → live session flow, and the staff back office (devices, products, cabinet orders, the
 * manual-handling queue). The vendor's inbound HTTP routes (door events, order pushes, heartbeats,
 * alarms) are not actions: their schemas are cloudfunctions/cabinet/src/adapters/xiaomai/protocol.ts
 * (docs/cabinet-vendor.md, docs/cabinet-api/openapi.json).
 *
 * Reply types are in the server form (instants `Date`); see cabinet-views.ts. Money in fen.
 */
import { z } from 'zod';
import { idSchema, MANAGER_ROLES, pageInputShape, STAFF_ROLES } from './common';
import { action, defineContract, pingSpec, returns } from './contract';
import {
  CABINET_ORDER_STATES,
  CABINET_ORDER_TYPES,
  CABINET_PAY_METHODS,
  DEVICE_STATUSES,
  MANUAL_TASK_KINDS,
  MANUAL_TASK_STATUSES,
  PRODUCT_STATUSES,
  type CabinetOrderDetail,
  type CabinetOrderPage,
  type DeviceDetail,
  type DevicePage,
  type DeviceQrCode,
  type DeviceView,
  type ManualTaskPage,
  type ManualTaskView,
  type OpenChecks,
  type OpenDoorReply,
  type PayScoreAuthorization,
  type ProductPage,
  type ProductView,
  type ScanResolution,
  type SessionView,
} from './cabinet-views';

export * from './cabinet-views';

// ------------------------------------------------------------ inputs

/** A vendor device code, e.g. XM-DEMO-0001 (letters, digits, `-` and `_`, 4–32). */
export const DEVICE_CODE_PATTERN = /^[A-Za-z0-9_-]{4,32}$/;
export const deviceCodeSchema = z.string().regex(DEVICE_CODE_PATTERN, '不是合法的设备编号');
/** A store code as printed on the 门店码 (letters, digits, `-` and `_`, 2–32). */
export const storeCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{2,32}$/, '不是合法的门店编码');
/** Chosen by the client once per tap (开门) and reused on retry: the idempotency key of the door command. */
export const cabinetRequestIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');
export const sessionIdSchema = z.string().regex(/^CS[0-9A-Za-z]{8,40}$/, '不是合法的开门会话编号');
/** Product SKU as the vendor recognises it. */
export const skuSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'SKU 只能包含字母、数字、_ . -，最多 40 位');
/** The largest single product price: ¥10,000. */
export const MAX_PRODUCT_PRICE_FEN = 1_000_000;
/** A calendar day in Asia/Shanghai (filters). */
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
const staffReasonSchema = z.string().trim().min(2).max(80);

/** The scene a mini-program code carries (`d=<deviceCode>` or `s=<storeCode>`), as `options.scene` gives it (maybe URL-encoded). */
const sceneSchema = z.string().min(1).max(128);

const deviceInput = z.object({ deviceCode: deviceCodeSchema }).strict();

// ------------------------------------------------------------ the contract

export const cabinetContract = defineContract({
  name: 'cabinet',
  errors: { from: 90, to: 94 },
  actions: {
    ping: pingSpec,

    // ---------------------------------------------------------- diner
    resolveScan: action({
      summary: '扫码：设备码（scene d=设备号）或门店码（s=门店编码）→ 设备页状态或门店的柜子列表',
      input: z
        .object({ scene: sceneSchema.optional(), deviceCode: deviceCodeSchema.optional(), storeCode: storeCodeSchema.optional() })
        .strict()
        .refine((v) => v.scene || v.deviceCode || v.storeCode, { message: 'scene、deviceCode、storeCode 必填一个', path: ['scene'] }),
      reply: returns<ScanResolution<Date>>(),
    }),
    checkBeforeOpen: action({
      summary: '开门前检查（按种子顺序）：手机号 → 待支付订单 → 礼票余额 → 支付分授权 → 可选支付方式',
      input: deviceInput,
      reply: returns<OpenChecks<Date>>(),
    }),
    authorizePayScore: action({
      summary: '支付分一次性授权（智慧零售）：返回 wx.navigateToMiniProgram 参数',
      input: z.object({}).strict(),
      reply: returns<PayScoreAuthorization>(),
    }),
    openDoor: action({
      summary: '开门购物：requestId 为幂等键；支付分免确认时创建服务订单后立即开门，确认模式返回 openBusinessView 参数',
      input: z.object({ deviceCode: deviceCodeSchema, method: z.enum(CABINET_PAY_METHODS), requestId: cabinetRequestIdSchema }).strict(),
      reply: returns<OpenDoorReply<Date>>(),
    }),
    confirmOpen: action({
      summary: '支付分确认模式：顾客在微信里确认后继续开门',
      input: z.object({ sessionId: sessionIdSchema }).strict(),
      reply: returns<SessionView<Date>>(),
    }),
    cancelOpen: action({
      summary: '顾客放弃尚未开门的会话（确认模式未确认）',
      input: z.object({ sessionId: sessionIdSchema }).strict(),
      reply: returns<SessionView<Date>>(),
    }),
    getSession: action({
      summary: '我的开门会话（购物中 / 结算结果页轮询）',
      input: z.object({ sessionId: sessionIdSchema }).strict(),
      reply: returns<SessionView<Date>>(),
    }),
    getCurrentSession: action({
      summary: '我当前未结束的开门会话（没有则为 null）',
      input: z.object({}).strict(),
      reply: returns<SessionView<Date> | null>(),
    }),

    // ---------------------------------------------------------- staff: devices
    listDevices: action({
      summary: '设备列表（在线状态、最近心跳、未处理告警数），门店范围',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z.object({ storeId: idSchema.optional(), status: z.enum(DEVICE_STATUSES).optional(), ...pageInputShape }).strict(),
      reply: returns<DevicePage<Date>>(),
    }),
    getDevice: action({
      summary: '设备详情：最近告警与当前会话',
      roles: STAFF_ROLES,
      input: deviceInput,
      reply: returns<DeviceDetail<Date>>(),
    }),
    getDeviceQrCode: action({
      summary: '设备的小程序码（wxacode.getUnlimited，scene d=设备号），PNG base64',
      roles: STAFF_ROLES,
      input: deviceInput,
      reply: returns<DeviceQrCode>(),
    }),
    bindDevice: action({
      summary: '把设备绑定到门店（同步到厂商）；未登记的设备号一并登记',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z.object({ deviceCode: deviceCodeSchema, storeId: idSchema, name: z.string().trim().min(1).max(30).optional() }).strict(),
      reply: returns<DeviceView<Date>>(),
    }),
    openForRestock: action({
      summary: '以补货模式开门（员工）；requestId 为幂等键',
      roles: STAFF_ROLES,
      input: z.object({ deviceCode: deviceCodeSchema, requestId: cabinetRequestIdSchema }).strict(),
      reply: returns<SessionView<Date>>(),
    }),

    // ---------------------------------------------------------- staff: products
    listProducts: action({
      summary: '门店的柜内商品（SKU、名称、价格、条码、图片）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z
        .object({ storeId: idSchema, keyword: z.string().trim().max(30).optional(), status: z.enum(PRODUCT_STATUSES).optional(), ...pageInputShape })
        .strict(),
      reply: returns<ProductPage<Date>>(),
    }),
    saveProduct: action({
      summary: '新增或修改门店商品（按门店 + SKU）',
      roles: MANAGER_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: idSchema,
          sku: skuSchema,
          name: z.string().trim().min(1).max(40),
          priceFen: z.number().int().min(0).max(MAX_PRODUCT_PRICE_FEN),
          barcode: z
            .string()
            .regex(/^[0-9A-Za-z-]{4,32}$/, '条码只能包含字母、数字和 -')
            .nullable()
            .optional(),
          imageUrl: z.string().url().max(500).nullable().optional(),
          status: z.enum(PRODUCT_STATUSES).optional(),
        })
        .strict(),
      reply: returns<ProductView<Date>>(),
    }),

    // ---------------------------------------------------------- staff: orders
    listCabinetOrders: action({
      summary: '智能柜订单：按门店、设备、日期、状态、类型筛选，新的在前',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: idSchema.optional(),
          deviceCode: deviceCodeSchema.optional(),
          fromDay: daySchema.optional(),
          toDay: daySchema.optional(),
          state: z.enum(CABINET_ORDER_STATES).optional(),
          orderType: z.enum(CABINET_ORDER_TYPES).optional(),
          ...pageInputShape,
        })
        .strict(),
      reply: returns<CabinetOrderPage<Date>>(),
    }),
    getCabinetOrder: action({
      summary: '智能柜订单详情（商品、金额拆分、厂商单号、异常原因）',
      roles: STAFF_ROLES,
      input: z.object({ orderId: idSchema }).strict(),
      reply: returns<CabinetOrderDetail<Date>>(),
    }),

    // ---------------------------------------------------------- staff: manual queue
    listManualTasks: action({
      summary: '人工处理队列（重试用尽的推送与调用、超限与异常订单）',
      roles: STAFF_ROLES,
      storeField: 'storeId',
      input: z
        .object({
          storeId: idSchema.optional(),
          status: z.enum(MANUAL_TASK_STATUSES).optional(),
          kind: z.enum(MANUAL_TASK_KINDS).optional(),
          ...pageInputShape,
        })
        .strict(),
      reply: returns<ManualTaskPage<Date>>(),
    }),
    retryManualTask: action({
      summary: '立即重试（超限 / 异常订单：审核通过并扣款）',
      roles: MANAGER_ROLES,
      input: z.object({ taskId: idSchema }).strict(),
      reply: returns<ManualTaskView<Date>>(),
    }),
    closeManualTask: action({
      summary: '关闭并写明原因（超限 / 异常订单：不扣款，订单取消）',
      roles: MANAGER_ROLES,
      input: z.object({ taskId: idSchema, reason: staffReasonSchema }).strict(),
      reply: returns<ManualTaskView<Date>>(),
    }),
  },
});
export type CabinetContract = typeof cabinetContract;

type InputOf<K extends keyof CabinetContract['actions']> = z.input<CabinetContract['actions'][K]['input']>;
export type ResolveScanInput = InputOf<'resolveScan'>;
export type OpenDoorInput = InputOf<'openDoor'>;
export type ListDevicesInput = InputOf<'listDevices'>;
export type BindDeviceInput = InputOf<'bindDevice'>;
export type ListProductsInput = InputOf<'listProducts'>;
export type SaveProductInput = InputOf<'saveProduct'>;
export type ListCabinetOrdersInput = InputOf<'listCabinetOrders'>;
export type ListManualTasksInput = InputOf<'listManualTasks'>;
