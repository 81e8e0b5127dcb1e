/**
 * The 小麦 (Xiaomai) smart-cabinet vendor protocol, both directions, as zod schemas: the inbound
 * routes validate with them, the outbound adapter builds and checks with them, the emulator's
 * cabinet simulator speaks exactly these shapes, and scripts/gen-cabinet-openapi.ts turns them into
 * docs/cabinet-api/openapi.json. docs/cabinet-vendor.md describes them in Chinese.
 *
 * The vendor's own API documents are not public. This protocol is modelled on the public
 * vision-cabinet flow written down in FACTS.md ("Smart cabinet vendor flow": open door with type
 * 1 shopping / 2 restock, our requestId as idempotency key, a vendor order code; door callbacks;
 * the order after the door closes with handle status, goods, optional video; abnormal reasons and
 * operating exceptions) and signed with the platform's one HMAC scheme
 * (shared/integration/signature.ts), so it must be checked against the vendor's sandbox when one
 * exists; the adapter is the only code that would change.
 *
 * Conventions: money is integer fen (分); instants are ISO-8601 with an offset; every inbound
 * message carries the vendor's `eventId` (unique per message; a resend keeps it) and is answered
 * with our envelope `{ code: 0, message, data: { eventId, duplicate } }` within 3 s.
 */
import { z } from 'zod';
import { ABNORMAL_REASONS, ALARM_KINDS } from '../../../../../typings/api/cabinet-views';

/** Schemas that become named components of the generated OpenAPI (its own registry: the POS document stays as it is). */
export const vendorSchemas = z.registry<{ id: string; description?: string }>();
function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  vendorSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** The vendor id in our system and in the route paths. */
export const XIAOMAI_VENDOR = 'xiaomai';

// ------------------------------------------------------------ building blocks

export const VendorDeviceCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{4,32}$/, '不是合法的设备编号');
/** Our door-command id (idempotency key), echoed back on every event of that door opening. */
export const VendorRequestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 为 8–64 位字母、数字、_ 或 -');
/** The vendor's order code (小麦订单号), assigned when it accepts an open-door command. */
export const VendorOrderCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, '不是合法的厂商订单号');
export const VendorEventIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/, 'eventId 为 8–64 位字母、数字或 _ . : -');
const instantSchema = z.iso.datetime({ offset: true, error: '时间须为带时区的 ISO-8601，如 2026-12-04T20:00:00+08:00' });
const fenSchema = z.number().int().min(0).max(10_000_000);

/** Door command type (FACTS.md): 1 shopping (顾客购物) / 2 restock (补货). */
export const DOOR_TYPES = { shopping: 1, restock: 2 } as const;
export const DoorTypeSchema = z.union([z.literal(1), z.literal(2)]).meta({ description: '1 购物 / 2 补货' });

/** The at-most-100-lines limit comes from Pay Score's post_payments (one line per item). */
export const MAX_GOODS_LINES = 100;

export const GoodsLineSchema = named(
  z
    .object({
      sku: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'sku 只能包含字母、数字、_ . -'),
      name: z.string().min(1).max(40).optional().meta({ description: '商品名；缺省时用我方商品库中的名称' }),
      quantity: z.number().int().min(1).max(999),
      unitPriceFen: fenSchema.meta({ description: '单价（分）' }),
    })
    .strict(),
  'CabinetGoodsLine',
  '识别出的一种商品',
);

export const WeightsSchema = named(
  z
    .object({
      beforeGrams: z.number().int().min(0).max(1_000_000),
      afterGrams: z.number().int().min(0).max(1_000_000),
    })
    .strict(),
  'CabinetWeights',
  '开门前后称重（克）',
);

// ------------------------------------------------------------ inbound: vendor → us

export const DOOR_EVENT_TYPES = ['door.opened', 'door.closed', 'door.open_failed'] as const;
export type DoorEventType = (typeof DOOR_EVENT_TYPES)[number];

export const DoorEventSchema = named(
  z
    .object({
      eventId: VendorEventIdSchema,
      type: z.enum(DOOR_EVENT_TYPES),
      deviceCode: VendorDeviceCodeSchema,
      requestId: VendorRequestIdSchema,
      orderCode: VendorOrderCodeSchema,
      occurredAt: instantSchema,
      /** door.open_failed: why (锁故障、设备忙 …) */
      reason: z.string().max(100).optional(),
    })
    .strict(),
  'CabinetDoorEvent',
  '柜门事件：已开门 / 已关门 / 开门失败',
);
export type DoorEvent = z.infer<typeof DoorEventSchema>;

/** How the vendor arrived at the goods list: automatic recognition, or its own staff reviewed the video. */
export const HANDLE_STATUSES = ['auto', 'manual_reviewed'] as const;
export type HandleStatus = (typeof HANDLE_STATUSES)[number];

export const OrderPushSchema = named(
  z
    .object({
      eventId: VendorEventIdSchema,
      orderCode: VendorOrderCodeSchema,
      requestId: VendorRequestIdSchema,
      deviceCode: VendorDeviceCodeSchema,
      handleStatus: z.enum(HANDLE_STATUSES),
      goods: z.array(GoodsLineSchema).max(MAX_GOODS_LINES).meta({ description: '空数组 = 未取商品（不扣款）' }),
      totalFen: fenSchema.optional().meta({ description: '厂商算出的合计（分）；与逐行合计不一致时按异常处理' }),
      videoUrl: z.url().max(500).optional(),
      weights: WeightsSchema.optional(),
      closedAt: instantSchema,
    })
    .strict(),
  'CabinetOrderPush',
  '关门后的订单推送（按 orderCode 幂等）',
);
export type OrderPush = z.infer<typeof OrderPushSchema>;

export const AbnormalOrderPushSchema = named(
  z
    .object({
      eventId: VendorEventIdSchema,
      orderCode: VendorOrderCodeSchema,
      requestId: VendorRequestIdSchema,
      deviceCode: VendorDeviceCodeSchema,
      reason: z
        .enum(ABNORMAL_REASONS)
        .meta({ description: 'camera_error 摄像头异常 / weight_error 重量异常 / unknown_item 未知商品 / foreign_object 异物 / other' }),
      description: z.string().max(200).optional(),
      goods: z.array(GoodsLineSchema).max(MAX_GOODS_LINES).meta({ description: '已识别的部分（可为空）' }),
      videoUrl: z.url().max(500).optional(),
      weights: WeightsSchema.optional(),
      closedAt: instantSchema,
    })
    .strict(),
  'CabinetAbnormalOrderPush',
  '异常订单推送：不自动扣款，转人工审核',
);
export type AbnormalOrderPush = z.infer<typeof AbnormalOrderPushSchema>;

export const HeartbeatSchema = named(
  z
    .object({
      eventId: VendorEventIdSchema,
      deviceCode: VendorDeviceCodeSchema,
      online: z.boolean(),
      doorState: z.enum(['open', 'closed']),
      temperatureC: z.number().min(-40).max(80).optional(),
      reportedAt: instantSchema,
    })
    .strict(),
  'CabinetHeartbeat',
  '心跳 / 在线状态（约每 60 秒一次；超过 180 秒没有心跳视为离线）',
);
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const AlarmPushSchema = named(
  z
    .object({
      eventId: VendorEventIdSchema,
      alarmId: z.string().regex(/^[A-Za-z0-9_.:-]{4,64}$/, 'alarmId 为 4–64 位字母、数字或 _ . : -'),
      deviceCode: VendorDeviceCodeSchema,
      kind: z.enum(ALARM_KINDS).meta({
        description:
          '设备故障：camera 摄像头 / weight_sensor 称重 / power 电源 / temperature 温度 / lock 门锁 / network 网络；运营异常：shopping_timeout 购物超时 / door_opened_without_shopping 开门未购物 / inventory_mismatch 库存不符',
      }),
      state: z.enum(['raised', 'resolved']).meta({ description: '设备故障类：raised 起设备维护中，同类 resolved 解除' }),
      message: z.string().max(200).optional(),
      requestId: VendorRequestIdSchema.optional().meta({ description: '与某次开门有关时' }),
      occurredAt: instantSchema,
    })
    .strict(),
  'CabinetAlarm',
  '告警（设备故障与运营异常）',
);
export type AlarmPush = z.infer<typeof AlarmPushSchema>;

/** What we answer every inbound message with (inside our `{ code, message, data }` envelope). */
export const InboundAckSchema = named(
  z
    .object({
      eventId: z.string(),
      duplicate: z.boolean().meta({ description: 'true：该 eventId（或订单的 orderCode）已收到过，这次未重复处理' }),
    })
    .strict(),
  'CabinetInboundAck',
);
export type InboundAck = z.infer<typeof InboundAckSchema>;

/** Inbound routes: method POST, path under the gateway route `/v1/cabinet`. */
export const INBOUND_ROUTES = {
  doorEvents: { path: `/v1/cabinet/vendors/${XIAOMAI_VENDOR}/door-events`, schema: DoorEventSchema, summary: '柜门事件' },
  orders: { path: `/v1/cabinet/vendors/${XIAOMAI_VENDOR}/orders`, schema: OrderPushSchema, summary: '订单推送' },
  abnormalOrders: { path: `/v1/cabinet/vendors/${XIAOMAI_VENDOR}/abnormal-orders`, schema: AbnormalOrderPushSchema, summary: '异常订单推送' },
  heartbeats: { path: `/v1/cabinet/vendors/${XIAOMAI_VENDOR}/heartbeats`, schema: HeartbeatSchema, summary: '心跳与在线状态' },
  alarms: { path: `/v1/cabinet/vendors/${XIAOMAI_VENDOR}/alarms`, schema: AlarmPushSchema, summary: '告警' },
} as const;

// ------------------------------------------------------------ outbound: us → vendor

export const OpenDoorCommandSchema = named(
  z
    .object({
      requestId: VendorRequestIdSchema.meta({ description: '我方幂等键：同一 requestId 重发返回同一 orderCode，不会二次开门' }),
      deviceCode: VendorDeviceCodeSchema,
      type: DoorTypeSchema,
      userCode: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/)
        .meta({ description: '我方用户的不透明编号（不含 openid、手机号）' }),
      openTimeoutSeconds: z.number().int().min(10).max(600).meta({ description: '超过该时间柜门仍未打开则放弃本次开门' }),
      timestamp: z.number().int().meta({ description: 'Unix 秒' }),
    })
    .strict(),
  'CabinetOpenDoorCommand',
  '开门指令',
);
export type OpenDoorCommand = z.infer<typeof OpenDoorCommandSchema>;

export const OpenDoorResultSchema = named(
  z.object({ requestId: VendorRequestIdSchema, orderCode: VendorOrderCodeSchema, accepted: z.literal(true) }).strict(),
  'CabinetOpenDoorResult',
);
export type OpenDoorResult = z.infer<typeof OpenDoorResultSchema>;

export const DoorQuerySchema = named(
  z.object({ deviceCode: VendorDeviceCodeSchema, requestId: VendorRequestIdSchema.optional() }).strict(),
  'CabinetDoorQuery',
  '查询柜门 / 会话状态',
);
export type DoorQuery = z.infer<typeof DoorQuerySchema>;

export const VENDOR_SESSION_STATES = ['none', 'waiting', 'opened', 'closed', 'settled', 'failed'] as const;
export const DoorStatusSchema = named(
  z
    .object({
      deviceCode: VendorDeviceCodeSchema,
      online: z.boolean(),
      doorState: z.enum(['open', 'closed']),
      requestId: VendorRequestIdSchema.nullable(),
      orderCode: VendorOrderCodeSchema.nullable(),
      sessionState: z.enum(VENDOR_SESSION_STATES),
    })
    .strict(),
  'CabinetDoorStatus',
);
export type DoorStatus = z.infer<typeof DoorStatusSchema>;

export const DeviceBindCommandSchema = named(
  z
    .object({
      requestId: VendorRequestIdSchema,
      deviceCode: VendorDeviceCodeSchema,
      action: z.enum(['bind', 'unbind']),
      storeCode: z.string().min(1).max(32),
      storeName: z.string().min(1).max(60),
    })
    .strict(),
  'CabinetDeviceBindCommand',
  '设备绑定到门店',
);
export type DeviceBindCommand = z.infer<typeof DeviceBindCommandSchema>;

export const DeviceBindResultSchema = named(z.object({ deviceCode: VendorDeviceCodeSchema, bound: z.boolean() }).strict(), 'CabinetDeviceBindResult');
export type DeviceBindResult = z.infer<typeof DeviceBindResultSchema>;

/** The vendor's business error codes (HTTP 200 with `code` ≠ 0, or HTTP 4xx). */
export const VENDOR_ERROR_CODES = ['DEVICE_NOT_FOUND', 'DEVICE_OFFLINE', 'DEVICE_BUSY', 'DEVICE_MAINTENANCE', 'INVALID_REQUEST', 'SIGNATURE_INVALID'] as const;
export type VendorErrorCode = (typeof VENDOR_ERROR_CODES)[number];

/** Every vendor reply: `{ code: 0, message, data }` on success; `{ code: ≠0, message, errorCode, data: null }` otherwise. */
export function vendorReplySchema<T extends z.ZodType>(data: T) {
  return z.object({
    code: z.number().int(),
    message: z.string().max(500),
    errorCode: z.enum(VENDOR_ERROR_CODES).optional(),
    data: data.nullable(),
  });
}

/** Outbound paths, relative to the vendor's base URL (stored on the vendor record). */
export const OUTBOUND_CALLS = {
  openDoor: { path: '/open/v1/door/open', request: OpenDoorCommandSchema, reply: OpenDoorResultSchema, summary: '开门（购物 / 补货）' },
  queryDoor: { path: '/open/v1/door/query', request: DoorQuerySchema, reply: DoorStatusSchema, summary: '查询柜门 / 会话状态' },
  bindDevice: { path: '/open/v1/device/bind', request: DeviceBindCommandSchema, reply: DeviceBindResultSchema, summary: '设备绑定' },
} as const;
export type OutboundCall = keyof typeof OUTBOUND_CALLS;
