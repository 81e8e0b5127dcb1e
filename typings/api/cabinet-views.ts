/**
 * Reply types of the `cabinet` context (smart cabinets, seed 004). Server form: instants are
 * `Instant` (the function builds `Date`, the mini-program receives `IsoInstant`). Every status the
 * page shows is a union below with its Chinese text beside it in the reply (`…Text`) and, for the
 * page's own labels, in miniprogram/utils/labels/cabinet.ts keyed by the same union. Money is
 * integer fen; gift tickets are whole tickets.
 */
import type { IsoInstant, Page } from './common';

// ------------------------------------------------------------ vocabularies (unions)

/** What a scanned device means for the diner (扫码开门 shows one page per value, never a toast). */
export const DEVICE_AVAILABILITIES = ['available', 'busy', 'unknown', 'unbound', 'offline', 'maintenance', 'store_closed'] as const;
export type DeviceAvailability = (typeof DEVICE_AVAILABILITIES)[number];

/** A device as staff see it. */
export const DEVICE_STATUSES = ['online', 'offline', 'maintenance', 'unbound'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** How a diner pays a cabinet purchase (seed 4.3): Pay Score (微信支付分, pay after) or gift tickets (礼票). */
export const CABINET_PAY_METHODS = ['payscore', 'tickets'] as const;
export type CabinetPayMethod = (typeof CABINET_PAY_METHODS)[number];

/**
 * A door session (one door opening of one device for one diner, or for staff restocking):
 * confirming (Pay Score confirm mode: waiting for the diner to confirm in WeChat) → opening
 * (command sent to the vendor) → opened → closed (door closed, waiting for the vendor's order) →
 * settling (order received, charging) → paid | unpaid (money still due: 去支付) | review (staff
 * check: over the store's amount limit or an abnormal order). Ends without a charge:
 * empty (nothing taken), timeout (the door never opened), failed (the vendor refused the command
 * or it could not be delivered), cancelled (the diner abandoned the confirm step). Restock
 * sessions end at `closed` → `restocked`.
 */
export const SESSION_STATES = [
  'confirming',
  'opening',
  'opened',
  'closed',
  'settling',
  'paid',
  'unpaid',
  'review',
  'empty',
  'timeout',
  'failed',
  'cancelled',
  'restocked',
] as const;
export type SessionState = (typeof SESSION_STATES)[number];
/** States after which nothing more happens to the session (the page stops following it). */
export const FINAL_SESSION_STATES = ['paid', 'empty', 'timeout', 'failed', 'cancelled', 'restocked'] as const satisfies readonly SessionState[];
/** States in which a session holds its device and its diner (one open session per device and per diner). */
export const OPEN_SESSION_STATES = ['confirming', 'opening', 'opened', 'closed', 'settling'] as const satisfies readonly SessionState[];

export const SESSION_PURPOSES = ['shopping', 'restock'] as const;
export type SessionPurpose = (typeof SESSION_PURPOSES)[number];

/** The pre-open checks in the seed's order (四.4.1): who the diner is → unpaid orders → ticket balance → Pay Score → the choice. */
export const OPEN_CHECK_STEPS = ['phone', 'unpaid', 'tickets', 'payscore'] as const;
export type OpenCheckStep = (typeof OPEN_CHECK_STEPS)[number];
export const OPEN_CHECK_OUTCOMES = ['passed', 'blocked', 'warning'] as const;
export type OpenCheckOutcome = (typeof OPEN_CHECK_OUTCOMES)[number];

/** Pay Score authorization (smart retail, one-time): authorized, not yet, or Pay Score unavailable for this merchant. */
export const PAYSCORE_AUTH_STATES = ['authorized', 'unauthorized', 'unavailable'] as const;
export type PayScoreAuthState = (typeof PAYSCORE_AUTH_STATES)[number];
/** no_confirm: 免确认 (service order DOING at once, door opens); confirm: the diner confirms each order in WeChat first (fallback). */
export const PAYSCORE_MODES = ['no_confirm', 'confirm'] as const;
export type PayScoreMode = (typeof PAYSCORE_MODES)[number];

/** Seed order type: 正常 / 已修正 / 补扣. */
export const CABINET_ORDER_TYPES = ['normal', 'corrected', 'supplement'] as const;
export type CabinetOrderType = (typeof CABINET_ORDER_TYPES)[number];

/** What the cabinet side of an order is at (shown to staff beside the order's own status). */
export const CABINET_ORDER_STATES = ['charging', 'paid', 'unpaid', 'review', 'cancelled'] as const;
export type CabinetOrderState = (typeof CABINET_ORDER_STATES)[number];

/** How an order was paid (seed payment_type 微信 / 礼票, plus the split when tickets fell short). */
export const CABINET_PAYMENT_TYPES = ['payscore', 'tickets', 'tickets_wechat', 'wechat', 'none'] as const;
export type CabinetPaymentType = (typeof CABINET_PAYMENT_TYPES)[number];

/** Manual-handling queue (seed 五.5.1): what failed or needs a person. */
export const MANUAL_TASK_KINDS = ['order_processing', 'vendor_call', 'payscore_call', 'amount_review', 'abnormal_order'] as const;
export type ManualTaskKind = (typeof MANUAL_TASK_KINDS)[number];
export const MANUAL_TASK_STATUSES = ['open', 'retrying', 'resolved', 'closed'] as const;
export type ManualTaskStatus = (typeof MANUAL_TASK_STATUSES)[number];

/** Vendor alarms: maintenance (hardware) and operational kinds (FACTS.md, smart cabinet vendor flow). */
export const MAINTENANCE_ALARM_KINDS = ['camera', 'weight_sensor', 'power', 'temperature', 'lock', 'network'] as const;
export const OPERATIONAL_ALARM_KINDS = ['shopping_timeout', 'door_opened_without_shopping', 'inventory_mismatch'] as const;
export const ALARM_KINDS = [...MAINTENANCE_ALARM_KINDS, ...OPERATIONAL_ALARM_KINDS] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** Why the vendor flags an order abnormal. */
export const ABNORMAL_REASONS = ['camera_error', 'weight_error', 'unknown_item', 'foreign_object', 'other'] as const;
export type AbnormalReason = (typeof ABNORMAL_REASONS)[number];

export const PRODUCT_STATUSES = ['on_sale', 'off_sale'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

// ------------------------------------------------------------ diner replies

/** A device on 扫码开门 (and in a store's list of cabinets). */
export interface DeviceCard<Instant = IsoInstant> {
  deviceCode: string;
  name: string;
  storeId: string | null;
  storeName: string | null;
  availability: DeviceAvailability;
  /** Chinese: what the page says about it (e.g. 设备离线，请稍后再试或联系门店) */
  availabilityText: string;
  lastHeartbeatAt: Instant | null;
}

/** `resolveScan`: a device code (scene `d=<deviceCode>`) or a store code (scene `s=<storeCode>`). */
export type ScanResolution<Instant = IsoInstant> =
  | { kind: 'device'; device: DeviceCard<Instant> }
  | { kind: 'store'; store: { storeId: string; name: string; address: string }; devices: DeviceCard<Instant>[] }
  /** neither a known device nor a known store: the page says the code is not a cabinet code */
  | { kind: 'unknown'; text: string };

/** An unpaid earlier order that blocks opening, with what 去支付 needs (payment.createPayment({ orderId, method: 'wechat' })). */
export interface UnpaidOrderView<Instant = IsoInstant> {
  orderId: string;
  orderNumber: string;
  storeName: string | null;
  deviceCode: string | null;
  totalFen: number;
  /** what is still to pay (total minus what gift tickets already covered) */
  dueFen: number;
  createdAt: Instant | null;
}

export interface OpenCheckView {
  step: OpenCheckStep;
  outcome: OpenCheckOutcome;
  /** Chinese, e.g. 请先绑定手机号 / 有 1 笔待支付订单 / 礼票余额 1200 张 */
  text: string;
}

export interface PayMethodOption {
  method: CabinetPayMethod;
  available: boolean;
  /** Chinese reason when not available (未开通支付分 / 礼票不足 …) */
  reason: string | null;
}

/** `checkBeforeOpen`: the checks in the seed's order, and whether (and how) the door may open. */
export interface OpenChecks<Instant = IsoInstant> {
  device: DeviceCard<Instant>;
  checks: OpenCheckView[];
  /** the first check that blocks, or null */
  blockedBy: OpenCheckStep | null;
  phoneBound: boolean;
  /** masked (138****0000); the page shows it, never the full number */
  phoneMasked: string | null;
  unpaidOrders: UnpaidOrderView<Instant>[];
  tickets: { balance: number; minimum: number; enough: boolean; ticketsPerYuan: number };
  payScore: { state: PayScoreAuthState; stateText: string; mode: PayScoreMode };
  methods: PayMethodOption[];
  /** the diner's session that is still open (on this or another device): the page goes to 购物中 */
  openSession: SessionView<Instant> | null;
  canOpen: boolean;
}

/** `authorizePayScore`: open the Pay Score mini-program for the one-time authorization. */
export interface PayScoreAuthorization {
  /** already authorized: nothing to open */
  authorized: boolean;
  navigate: { appId: string; path: string; extraData: Record<string, string> } | null;
}

/** A line of what was taken from the cabinet. */
export interface CabinetItemView {
  sku: string;
  name: string;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

/** How an order was paid: the seed's 微信支付金额 / 礼票支付金额. */
export interface PaymentSplit {
  paymentType: CabinetPaymentType;
  paymentTypeText: string;
  /** money by WeChat (Pay Score or WeChat Pay), fen */
  wechatFen: number;
  /** money covered by gift tickets, fen */
  ticketFen: number;
  /** gift tickets spent (ticketFen × ticketsPerYuan / 100) */
  ticketsSpent: number;
  /** still to pay by WeChat Pay (tickets fell short and it is not paid yet) */
  dueFen: number;
}

/** The order a session produced (结算结果). */
export interface SessionOrderView<Instant = IsoInstant> {
  orderId: string;
  orderNumber: string;
  vendorOrderNo: string;
  items: CabinetItemView[];
  totalFen: number;
  split: PaymentSplit;
  state: CabinetOrderState;
  stateText: string;
  paidAt: Instant | null;
  /** points earned by this order (member rules), 0 until paid */
  pointsEarned: number;
}

/** `getSession` / `openDoor` / `getCurrentSession`: one door session as the diner follows it live. */
export interface SessionView<Instant = IsoInstant> {
  sessionId: string;
  deviceCode: string;
  deviceName: string;
  storeId: string;
  storeName: string | null;
  purpose: SessionPurpose;
  method: CabinetPayMethod | null;
  state: SessionState;
  /** Chinese: what is happening */
  stateText: string;
  /** Chinese: what the diner should do now (请拉开柜门取货 / 关门后自动结算 / 请前往支付 …) */
  hint: string;
  final: boolean;
  /** opening: the door must open before this instant or the session ends (and Pay Score is cancelled) */
  openDeadline: Instant | null;
  openedAt: Instant | null;
  closedAt: Instant | null;
  endedAt: Instant | null;
  /** set once the vendor pushed the order */
  order: SessionOrderView<Instant> | null;
  /** timeout / failed / cancelled: why (Chinese) */
  endReason: string | null;
  createdAt: Instant;
}

/** Pay Score confirm mode: what wx.openBusinessView takes (same shape as payment's PayScoreBusinessView). */
export interface CabinetPayScoreConfirm {
  businessType: 'wxpayScoreUse';
  extraData: Record<string, string>;
}

/** `openDoor` reply. */
export interface OpenDoorReply<Instant = IsoInstant> {
  session: SessionView<Instant>;
  /** this requestId was seen before: the same session, nothing sent again */
  replayed: boolean;
  /** confirm mode only: call wx.openBusinessView with it, then `confirmOpen` */
  payScoreConfirm: CabinetPayScoreConfirm | null;
}

// ------------------------------------------------------------ staff replies

export interface AlarmView<Instant = IsoInstant> {
  alarmId: string;
  kind: AlarmKind;
  kindText: string;
  category: 'maintenance' | 'operational';
  message: string;
  occurredAt: Instant;
  /** maintenance alarms put the device in maintenance until a `resolved` alarm of the same kind */
  resolved: boolean;
}

export interface DeviceView<Instant = IsoInstant> {
  deviceCode: string;
  name: string;
  vendor: string;
  storeId: string | null;
  storeName: string | null;
  status: DeviceStatus;
  statusText: string;
  online: boolean;
  lastHeartbeatAt: Instant | null;
  /** open maintenance alarms */
  openAlarmCount: number;
  bindStatus: 'bound' | 'binding' | 'unbound';
  bindStatusText: string;
}

export interface DeviceDetail<Instant = IsoInstant> extends DeviceView<Instant> {
  recentAlarms: AlarmView<Instant>[];
  /** the session holding the device now, if any */
  currentSession: SessionView<Instant> | null;
}

/** `getDeviceQrCode`: the device's mini-program code (wxacode.getUnlimited, scene `d=<deviceCode>`). */
export interface DeviceQrCode {
  deviceCode: string;
  scene: string;
  page: string;
  contentType: 'image/png';
  /** the PNG, base64 (no data: prefix) */
  imageBase64: string;
}

export interface ProductView<Instant = IsoInstant> {
  productId: string;
  storeId: string;
  sku: string;
  name: string;
  priceFen: number;
  barcode: string | null;
  imageUrl: string | null;
  status: ProductStatus;
  statusText: string;
  updatedAt: Instant;
}

/** A cabinet order in the staff list (seed 订单表 fields). */
export interface CabinetOrderView<Instant = IsoInstant> {
  orderId: string;
  orderNumber: string;
  vendorOrderNo: string;
  deviceCode: string;
  storeId: string;
  storeName: string | null;
  /** masked for staff (138****0000) */
  userPhone: string | null;
  totalFen: number;
  split: PaymentSplit;
  /** the kernel's order status (pending / paid / cancelled …) and its text */
  orderStatus: string;
  orderStatusText: string;
  state: CabinetOrderState;
  stateText: string;
  orderType: CabinetOrderType;
  orderTypeText: string;
  relatedOrderId: string | null;
  orderedAt: Instant;
  paidAt: Instant | null;
}

export interface CabinetOrderDetail<Instant = IsoInstant> extends CabinetOrderView<Instant> {
  items: CabinetItemView[];
  sessionId: string | null;
  /** vendor's handle status as pushed */
  handleStatus: string | null;
  videoUrl: string | null;
  abnormal: { reason: AbnormalReason | 'amount_limit'; reasonText: string; detail: string | null } | null;
  /** Pay Score / WeChat payment ids behind the money */
  paymentIds: string[];
}

export interface ManualTaskView<Instant = IsoInstant> {
  taskId: string;
  kind: ManualTaskKind;
  kindText: string;
  status: ManualTaskStatus;
  statusText: string;
  storeId: string | null;
  deviceCode: string | null;
  sessionId: string | null;
  orderId: string | null;
  vendorOrderNo: string | null;
  /** Chinese: why it is here (last error, over the limit by ¥x, …) */
  reason: string;
  attempts: number;
  createdAt: Instant;
  updatedAt: Instant;
  closedReason: string | null;
  closedBy: string | null;
}

export type DevicePage<Instant = IsoInstant> = Page<DeviceView<Instant>>;
export type ProductPage<Instant = IsoInstant> = Page<ProductView<Instant>>;
export type CabinetOrderPage<Instant = IsoInstant> = Page<CabinetOrderView<Instant>>;
export type ManualTaskPage<Instant = IsoInstant> = Page<ManualTaskView<Instant>>;
