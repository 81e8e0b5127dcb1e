/**
 * Smart cabinets for diners (context `cabinet`, called through `api.cabinet`): what stands between
 * the diner and an open door (扫码开门), the door session followed live (购物中) and its
 * settlement (结算结果). Amounts are integer fen; instants arrive as ISO strings.
 * Contract: typings/api/cabinet.ts (replies: cabinet-views.ts).
 */
import type { CabinetPayMethod, OpenChecks, ScanResolution, SessionState, SessionView } from '../../typings/api/cabinet';
import type { PayScoreBusinessView } from '../../typings/api/payment';
import type { PageStatus } from '../components/page-state/index';
import { api } from './api';
import { ApiError, ClientErrorCodes, errorMessage, isApiError } from './errors';
import { openPayScore, openPayScoreAuthorization } from './transport';

export type {
  CabinetItemView,
  CabinetPaymentType,
  CabinetPayMethod,
  DeviceAvailability,
  DeviceCard,
  OpenChecks,
  PaymentSplit,
  ScanResolution,
  SessionOrderView,
  SessionState,
  SessionView,
  UnpaidOrderView,
} from '../../typings/api/cabinet';

/** 扫码开门: a device code, a store code or the scene of a cabinet's 小程序码 (`d=…` / `s=…`). */
export function resolveScan(input: { scene?: string; deviceCode?: string; storeCode?: string }): Promise<ScanResolution> {
  return api.cabinet.resolveScan({ ...input });
}

/** The checks in the seed's order (phone → unpaid orders → tickets → Pay Score) and the payment choice. */
export function checkBeforeOpen(deviceCode: string): Promise<OpenChecks> {
  return api.cabinet.checkBeforeOpen({ deviceCode });
}

/** One key per tap on 开门 (kept across a retry of that tap), so a resent request opens one session. */
export function newOpenRequestId(): string {
  return `open-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Opens the door paid by `method`. Pay Score in 免确认 mode opens at once; in confirm mode (the
 * merchant's service has no no-confirm permission) the diner confirms the service order in WeChat
 * first (wx.openBusinessView, or the emulator's sandbox in local mode), then the door opens. A
 * diner who backs out of the confirmation abandons the session (nothing charged).
 */
export async function openDoor(deviceCode: string, method: CabinetPayMethod, requestId: string): Promise<SessionView> {
  const reply = await api.cabinet.openDoor({ deviceCode, method, requestId });
  if (!reply.payScoreConfirm) return reply.session;
  try {
    // the same signed extraData payment's confirm mode hands to wx.openBusinessView, passed on untouched
    await openPayScore(reply.payScoreConfirm as unknown as PayScoreBusinessView);
  } catch (error) {
    await api.cabinet.cancelOpen({ sessionId: reply.session.sessionId }).catch(() => undefined);
    throw error;
  }
  return api.cabinet.confirmOpen({ sessionId: reply.session.sessionId });
}

export function getSession(sessionId: string): Promise<SessionView> {
  return api.cabinet.getSession({ sessionId });
}

/**
 * 开通支付分: asks the backend for the permission token, then opens WeChat's Pay Score
 * mini-program (in local mode the emulator's sandbox grants it and notifies the backend, as WeChat
 * would). Resolves when the diner is back; the page then checks again.
 */
export async function authorizePayScore(): Promise<void> {
  const authorization = await api.cabinet.authorizePayScore({});
  if (authorization.authorized) return;
  if (!authorization.navigate) throw new ApiError(ClientErrorCodes.BAD_RESPONSE, '暂时无法开通微信支付分');
  await openPayScoreAuthorization(authorization.navigate);
}

/**
 * States after which the diner has nothing more to wait for on 购物中: the contract's final states,
 * plus 待支付 (the diner goes to pay) and 人工审核中 (staff decide later). The page polls again when
 * the diner comes back.
 */
const SETTLED: readonly SessionState[] = ['paid', 'unpaid', 'review', 'empty', 'timeout', 'failed', 'cancelled', 'restocked'];

export function isSettled(session: Pick<SessionView, 'state' | 'final'>): boolean {
  return session.final || SETTLED.includes(session.state);
}

/** Sessions that ended without a charge. */
const ENDED: readonly SessionState[] = ['empty', 'timeout', 'failed', 'cancelled'];

export function endedWithoutCharge(state: SessionState): boolean {
  return ENDED.includes(state);
}

/** A 404-class answer: no such device / session / store (or not the caller's). */
export function isNotFoundError(error: unknown): boolean {
  return isApiError(error) && Math.floor(error.code / 100) === 404;
}

/**
 * The page-state of a failed session read: a session that does not exist (any 404-class code,
 * e.g. another diner's) or a refused caller cannot be retried into existence.
 */
export function sessionErrorState(error: unknown): { status: PageStatus; errorText: string; retryable: boolean } {
  const final = isApiError(error) && [403, 404].includes(Math.floor(error.code / 100));
  return { status: 'error', errorText: errorMessage(error), retryable: !final };
}
