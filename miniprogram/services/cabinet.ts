/**
 * Smart cabinets for diners (context `cabinet`, called through `api.cabinet`): what stands between
 * the diner and an open door (扫码开门), the door session followed live (购物中) and its
 * settlement (结算结果). Amounts are integer fen; instants arrive as ISO strings.
 */
import type { PayScoreBusinessView } from '../../typings/api/payment';
import type { PageStatus } from '../components/page-state/index';
import { errorMessage, isApiError } from './errors';
import { callFunction, openPayScore, openPayScoreAuthorization } from './transport';

// PROVISIONAL until typings/api/cabinet.ts lands on cab-core: the shapes the pages render.

export type PaymentChoice = 'payscore' | 'tickets';

/** Whether the device can open for a diner now. */
export type DeviceAvailability = 'available' | 'unbound' | 'offline' | 'maintenance' | 'busy';

export interface CabinetDeviceView {
  deviceCode: string;
  name: string;
  storeId: string | null;
  storeName: string;
  availability: DeviceAvailability;
}

export interface UnpaidOrderView {
  orderId: string;
  title: string;
  totalFen: number;
  /** what is still to pay, fen */
  dueFen: number;
  createdAt: string | null;
}

/** Everything 扫码开门 checks before offering the payment choice, in the seed's order. */
export interface OpenCheckView {
  device: CabinetDeviceView;
  phoneBound: boolean;
  unpaidOrders: UnpaidOrderView[];
  payScore: { enabled: boolean; authorized: boolean };
  tickets: { balance: number; minimum: number; enough: boolean };
  /** the diner's own door session still going (on this or another device) */
  activeSession: { sessionId: string; deviceCode: string } | null;
}

export type SessionStatus = 'opening' | 'opened' | 'closed' | 'settling' | 'paid' | 'unpaid' | 'review' | 'ended';

export interface SessionItemView {
  name: string;
  qty: number;
  priceFen: number;
  subtotalFen: number;
}

export interface DoorSessionView {
  sessionId: string;
  deviceCode: string;
  deviceName: string;
  storeName: string;
  status: SessionStatus;
  paymentMethod: PaymentChoice;
  /** why an ended session ended: 'door_not_opened' | 'empty' | … */
  endReason: string | null;
  orderId: string | null;
  items: SessionItemView[];
  totalFen: number;
  ticketFen: number;
  ticketsUsed: number;
  wechatFen: number;
  openedAt: string | null;
  closedAt: string | null;
  paidAt: string | null;
}

export interface PayScoreAuthorization {
  appId: string;
  path: string;
  extraData: Record<string, string>;
}

export interface OpenDoorReply {
  sessionId: string;
  /** confirm-mode fallback: the diner confirms the Pay Score order before the door opens */
  payScoreConfirm: PayScoreBusinessView | null;
}

// ---- calls

export function checkDevice(deviceCode: string): Promise<OpenCheckView> {
  return callFunction<OpenCheckView>('cabinet', 'checkDevice', { deviceCode });
}

export function listStoreCabinets(storeCode: string): Promise<{ storeName: string; devices: CabinetDeviceView[] }> {
  return callFunction<{ storeName: string; devices: CabinetDeviceView[] }>('cabinet', 'listStoreCabinets', { storeCode });
}

/** One key per tap on 开门 (kept across a retry of that tap), so a resent request opens one session. */
export function newOpenRequestId(): string {
  return `open-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Opens the door paid by `method`. In confirm mode (the merchant's Pay Score service has no
 * no-confirm permission) the diner confirms the service order first, then the door opens.
 */
export async function openDoor(deviceCode: string, method: PaymentChoice, requestId: string): Promise<OpenDoorReply> {
  const reply = await callFunction<OpenDoorReply>('cabinet', 'openDoor', { deviceCode, paymentMethod: method, requestId });
  if (reply.payScoreConfirm) await openPayScore(reply.payScoreConfirm);
  return reply;
}

export function getDoorSession(sessionId: string): Promise<DoorSessionView> {
  return callFunction<DoorSessionView>('cabinet', 'getDoorSession', { sessionId });
}

/**
 * 开通支付分: asks the backend for the authorization token, then opens the Pay Score mini-program
 * (in local mode the emulator's sandbox authorizes, as WeChat would, and notifies the backend).
 */
export async function authorizePayScore(): Promise<void> {
  const authorization = await callFunction<PayScoreAuthorization>('cabinet', 'authorizePayScore', {});
  await openPayScoreAuthorization(authorization);
}

/** Session states after which nothing changes on its own: polling stops. */
export const FINAL_SESSION_STATES: readonly SessionStatus[] = ['paid', 'unpaid', 'review', 'ended'];

export function isFinalSession(status: SessionStatus): boolean {
  return FINAL_SESSION_STATES.includes(status);
}

/**
 * The page-state of a failed session read: a session that does not exist (any 404-class code,
 * e.g. another diner's) or a refused caller cannot be retried into existence.
 */
export function sessionErrorState(error: unknown): { status: PageStatus; errorText: string; retryable: boolean } {
  const final = isApiError(error) && [403, 404].includes(Math.floor(error.code / 100));
  return { status: 'error', errorText: errorMessage(error), retryable: !final };
}
