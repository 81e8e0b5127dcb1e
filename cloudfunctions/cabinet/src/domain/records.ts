import type {
  AbnormalReason,
  AlarmKind,
  CabinetOrderState,
  CabinetOrderType,
  CabinetPaymentType,
  CabinetPayMethod,
  ManualTaskKind,
  ManualTaskStatus,
  PayScoreMode,
  ProductStatus,
  SessionPurpose,
  SessionState,
} from '../../../../typings/api/cabinet-views';
import type { SignedParty } from '../../../shared/integration/signed-guard';
import type { OutboxRecord } from '../../../shared/integration/outbox/outbox-record';
import type { SealedSecret } from '../../../shared/domain/secret-box';
import type { ReviewReason } from './settlement';

/** `devices/{deviceCode}`: a vendor device, its store, its liveness and the door session holding it. */
export interface DeviceRecord {
  _id: string;
  deviceCode: string;
  name: string;
  vendor: string;
  storeId: string | null;
  bindStatus: 'bound' | 'binding' | 'unbound';
  online: boolean;
  lastHeartbeatAt: Date | null;
  doorState?: 'open' | 'closed';
  /** maintenance alarm kinds raised and not yet resolved */
  openAlarmKinds: AlarmKind[];
  /** the door session holding the device (one at a time), and until when the hold counts if it is never released */
  sessionId: string | null;
  lockUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The order a session produced, kept on the session: the staff order list (seed 订单表) reads sessions. */
export interface SessionOrderFacts {
  orderId: string;
  vendorOrderNo: string;
  items: { sku: string; name: string; quantity: number; unitPriceFen: number; amountFen: number }[];
  totalFen: number;
  paymentType: CabinetPaymentType;
  wechatFen: number;
  ticketFen: number;
  ticketsSpent: number;
  dueFen: number;
  state: CabinetOrderState;
  orderType: CabinetOrderType;
  relatedOrderId: string | null;
  userPhoneMasked: string | null;
  handleStatus: string | null;
  videoUrl: string | null;
  abnormal: { reason: ReviewReason; detail: string | null } | null;
  paymentIds: string[];
  orderedAt: Date;
  paidAt: Date | null;
  pointsEarned: number;
}

/** `cabinet_sessions/{sessionId}`: one door opening (sessionId = the requestId the vendor sees). */
export interface SessionRecord {
  _id: string;
  openid: string;
  /** the client's idempotency key */
  requestId: string;
  deviceCode: string;
  deviceName: string;
  storeId: string;
  purpose: SessionPurpose;
  method: CabinetPayMethod | null;
  state: SessionState;
  orderCode: string | null;
  /** Pay Score: the payment (out_order_no) and how it was opened */
  paymentId: string | null;
  payScoreMode: PayScoreMode | null;
  openDeadline: Date;
  openedAt: Date | null;
  closedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  deviceReleased: boolean;
  dinerReleased: boolean;
  /** the open command: sent and acknowledged, waiting for a retry, or refused */
  command: { status: 'sending' | 'sent' | 'retrying' | 'refused'; attempts: number; lastError: string | null };
  order: SessionOrderFacts | null;
  /** indexed copy of order.orderedAt / order.state for the staff list */
  orderedAt: Date | null;
  orderState: CabinetOrderState | null;
  orderType: CabinetOrderType | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `cabinet_diners/{openid}`: the diner's open session (one at a time) and orders still owed. */
export interface DinerRecord {
  _id: string;
  sessionId: string | null;
  lockUntil: Date | null;
  unpaidOrderIds: string[];
  updatedAt: Date;
}

export interface ProductRecord {
  _id: string;
  storeId: string;
  sku: string;
  name: string;
  priceFen: number;
  barcode: string | null;
  imageUrl: string | null;
  status: ProductStatus;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export interface AlarmRecord {
  _id: string;
  alarmId: string;
  deviceCode: string;
  storeId: string | null;
  kind: AlarmKind;
  category: 'maintenance' | 'operational';
  state: 'raised' | 'resolved';
  message: string;
  requestId: string | null;
  occurredAt: Date;
  createdAt: Date;
}

export interface ManualTaskRecord {
  _id: string;
  kind: ManualTaskKind;
  status: ManualTaskStatus;
  storeId: string | null;
  deviceCode: string | null;
  sessionId: string | null;
  orderId: string | null;
  vendorOrderNo: string | null;
  /** the dead job to replay on 立即重试 (retried steps) */
  jobId: string | null;
  reason: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  closedReason: string | null;
  closedBy: string | null;
}

/** `cabinet_vendors/{vendorId}`: one signed party; the secret signs both directions. */
export interface VendorRecord extends SignedParty {
  _id: string;
  name: string;
  apiKey: string;
  secretSealed: SealedSecret;
  /** the vendor's API (outbound calls), checked by the SSRF guard on every send */
  baseUrl: string;
  status: 'active' | 'disabled';
}

/** Jobs: inbound vendor messages being processed and outbound calls being retried (shared outbox machinery). */
export const JOB_KINDS = [
  'door.opened',
  'door.closed',
  'door.open_failed',
  'order.push',
  'order.abnormal',
  'vendor.openDoor',
  'vendor.bindDevice',
  'payscore.complete',
  'payscore.cancel',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobRecord = OutboxRecord<JobKind>;

export const MAINTENANCE_KINDS: readonly AlarmKind[] = ['camera', 'weight_sensor', 'power', 'temperature', 'lock', 'network'];
export const isMaintenanceKind = (kind: AlarmKind): boolean => MAINTENANCE_KINDS.includes(kind);

export type { AbnormalReason };
