import type {
  AlarmView,
  CabinetItemView,
  CabinetOrderDetail,
  CabinetOrderView,
  DeviceCard,
  DeviceView,
  ManualTaskView,
  PaymentSplit,
  ProductView,
  SessionOrderView,
  SessionView,
} from '../../../../typings/api/cabinet-views';
import { orderNumberOf, type OrderRecord } from '../../../shared/orders';
import { cabinetConfig } from '../config';
import { deviceAvailability, deviceStatus } from '../domain/availability';
import { FINAL_SESSION_STATES } from '../../../../typings/api/cabinet-views';
import type { AlarmRecord, DeviceRecord, ManualTaskRecord, ProductRecord, SessionOrderFacts, SessionRecord } from '../domain/records';
import {
  ALARM_TEXTS,
  AVAILABILITY_TEXTS,
  BIND_STATUS_TEXTS,
  DEVICE_STATUS_TEXTS,
  ORDER_STATE_TEXTS,
  ORDER_TYPE_TEXTS,
  PAYMENT_TYPE_TEXTS,
  PRODUCT_STATUS_TEXTS,
  REVIEW_REASON_TEXTS,
  SESSION_TEXTS,
  TASK_KIND_TEXTS,
  TASK_STATUS_TEXTS,
} from '../domain/texts';
import { isMaintenanceKind } from '../domain/records';

/** Reply views built from records (no I/O). */
const date = (value: Date | string | null | undefined): Date | null => (value ? new Date(value) : null);

export function deviceCard(
  device: DeviceRecord | null,
  deviceCode: string,
  store: { name: string; status: string } | null,
  now = new Date(),
): DeviceCard<Date> {
  const availability = deviceAvailability(device, store, now, cabinetConfig().heartbeatStaleSeconds);
  return {
    deviceCode: device?.deviceCode ?? deviceCode,
    name: device?.name ?? deviceCode,
    storeId: device?.storeId ?? null,
    storeName: store?.name ?? null,
    availability,
    availabilityText: AVAILABILITY_TEXTS[availability],
    lastHeartbeatAt: date(device?.lastHeartbeatAt),
  };
}

export function split(order: Pick<SessionOrderFacts, 'paymentType' | 'wechatFen' | 'ticketFen' | 'ticketsSpent' | 'dueFen'>): PaymentSplit {
  return {
    paymentType: order.paymentType,
    paymentTypeText: PAYMENT_TYPE_TEXTS[order.paymentType],
    wechatFen: order.wechatFen,
    ticketFen: order.ticketFen,
    ticketsSpent: order.ticketsSpent,
    dueFen: order.dueFen,
  };
}

const items = (order: SessionOrderFacts): CabinetItemView[] => order.items.map((i) => ({ ...i }));

export function sessionOrderView(order: SessionOrderFacts): SessionOrderView<Date> {
  return {
    orderId: order.orderId,
    orderNumber: orderNumberOf(order.orderId),
    vendorOrderNo: order.vendorOrderNo,
    items: items(order),
    totalFen: order.totalFen,
    split: split(order),
    state: order.state,
    stateText: ORDER_STATE_TEXTS[order.state],
    paidAt: date(order.paidAt),
    pointsEarned: order.pointsEarned,
  };
}

export function sessionView(session: SessionRecord, storeName: string | null): SessionView<Date> {
  const texts = SESSION_TEXTS[session.state];
  return {
    sessionId: session._id,
    deviceCode: session.deviceCode,
    deviceName: session.deviceName,
    storeId: session.storeId,
    storeName,
    purpose: session.purpose,
    method: session.method,
    state: session.state,
    stateText: texts.text,
    hint: session.endReason && session.state === 'unpaid' ? `${texts.hint}（${session.endReason}）` : texts.hint,
    final: (FINAL_SESSION_STATES as readonly string[]).includes(session.state),
    openDeadline: session.state === 'opening' || session.state === 'confirming' ? date(session.openDeadline) : null,
    openedAt: date(session.openedAt),
    closedAt: date(session.closedAt),
    endedAt: date(session.endedAt),
    order: session.order ? sessionOrderView(session.order) : null,
    endReason: session.endReason,
    createdAt: new Date(session.createdAt),
  };
}

export function deviceView(device: DeviceRecord, storeName: string | null, now = new Date()): DeviceView<Date> {
  const status = deviceStatus(device, now, cabinetConfig().heartbeatStaleSeconds);
  return {
    deviceCode: device.deviceCode,
    name: device.name,
    vendor: device.vendor,
    storeId: device.storeId,
    storeName,
    status,
    statusText: DEVICE_STATUS_TEXTS[status],
    online: status === 'online',
    lastHeartbeatAt: date(device.lastHeartbeatAt),
    openAlarmCount: device.openAlarmKinds.length,
    bindStatus: device.bindStatus,
    bindStatusText: BIND_STATUS_TEXTS[device.bindStatus],
  };
}

export function alarmView(alarm: AlarmRecord, openKinds: readonly string[]): AlarmView<Date> {
  return {
    alarmId: alarm.alarmId,
    kind: alarm.kind,
    kindText: ALARM_TEXTS[alarm.kind],
    category: isMaintenanceKind(alarm.kind) ? 'maintenance' : 'operational',
    message: alarm.message,
    occurredAt: new Date(alarm.occurredAt),
    resolved: alarm.state === 'resolved' || !openKinds.includes(alarm.kind),
  };
}

export function productView(product: ProductRecord): ProductView<Date> {
  return {
    productId: product._id,
    storeId: product.storeId,
    sku: product.sku,
    name: product.name,
    priceFen: product.priceFen,
    barcode: product.barcode,
    imageUrl: product.imageUrl,
    status: product.status,
    statusText: PRODUCT_STATUS_TEXTS[product.status],
    updatedAt: new Date(product.updatedAt),
  };
}

const ORDER_STATUS_TEXTS: Record<string, string> = {
  pending: '待支付',
  paid: '已支付',
  completed: '已完成',
  closed: '已关闭',
  cancelled: '已取消',
  unknown: '未知',
};

export function cabinetOrderView(session: SessionRecord, order: OrderRecord | null, storeName: string | null): CabinetOrderView<Date> {
  const facts = session.order!;
  const status = order?.status ?? 'pending';
  return {
    orderId: facts.orderId,
    orderNumber: orderNumberOf(facts.orderId),
    vendorOrderNo: facts.vendorOrderNo,
    deviceCode: session.deviceCode,
    storeId: session.storeId,
    storeName,
    userPhone: facts.userPhoneMasked,
    totalFen: facts.totalFen,
    split: split(facts),
    orderStatus: status,
    orderStatusText: ORDER_STATUS_TEXTS[status] ?? status,
    state: facts.state,
    stateText: ORDER_STATE_TEXTS[facts.state],
    orderType: facts.orderType,
    orderTypeText: ORDER_TYPE_TEXTS[facts.orderType],
    relatedOrderId: facts.relatedOrderId,
    orderedAt: new Date(facts.orderedAt),
    paidAt: date(facts.paidAt ?? order?.paidAt),
  };
}

export function cabinetOrderDetail(session: SessionRecord, order: OrderRecord | null, storeName: string | null): CabinetOrderDetail<Date> {
  const facts = session.order!;
  return {
    ...cabinetOrderView(session, order, storeName),
    items: items(facts),
    sessionId: session._id,
    handleStatus: facts.handleStatus,
    videoUrl: facts.videoUrl,
    abnormal: facts.abnormal
      ? {
          reason: facts.abnormal.reason === 'amount_mismatch' ? 'other' : facts.abnormal.reason,
          reasonText: REVIEW_REASON_TEXTS[facts.abnormal.reason],
          detail: facts.abnormal.detail,
        }
      : null,
    paymentIds: facts.paymentIds,
  };
}

export function taskView(task: ManualTaskRecord): ManualTaskView<Date> {
  return {
    taskId: task._id,
    kind: task.kind,
    kindText: TASK_KIND_TEXTS[task.kind],
    status: task.status,
    statusText: TASK_STATUS_TEXTS[task.status],
    storeId: task.storeId,
    deviceCode: task.deviceCode,
    sessionId: task.sessionId,
    orderId: task.orderId,
    vendorOrderNo: task.vendorOrderNo,
    reason: task.reason,
    attempts: task.attempts,
    createdAt: new Date(task.createdAt),
    updatedAt: new Date(task.updatedAt),
    closedReason: task.closedReason,
    closedBy: task.closedBy,
  };
}
