import type { CabinetPayMethod, OpenDoorReply, SessionPurpose, SessionView } from '../../../../typings/api/cabinet-views';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { AppError } from '../../../shared/kit';
import { authorizationOf, confirmSmartRetailOrder, newPayScoreOrderNo, openSmartRetailOrder, payScoreMode } from '../../../shared/payscore';
import { cabinetConfig, DEFAULT_AMOUNT_LIMIT_FEN } from '../config';
import { deviceAvailability } from '../domain/availability';
import { sessionIdFor } from '../domain/ids';
import { methodAvailability } from '../domain/open-checks';
import type { DeviceRecord, SessionRecord } from '../domain/records';
import { nextSessionState } from '../domain/session-state';
import { Errors } from '../errors';
import { claimDevice, findDevice } from '../repositories/devices';
import { claimDiner, releaseDiner } from '../repositories/diners';
import { findMember } from '../repositories/members';
import { findSession, insertSession, patchSession, updateSessionIf } from '../repositories/sessions';
import { findStore, loyaltyProgram } from '../repositories/stores';
import { queueRetry } from './job-queue';
import { endWithoutOrder, releaseLocks } from './locks';
import { minTicketBalanceOf, settleUnpaid } from './unpaid';
import { sendOpenDoor } from './vendor-calls';
import { sessionView } from './views';

/** How long a session may hold its device and diner after the door opened (shopping) before the hold counts as stale. */
const SHOPPING_HOLD_MS = 30 * 60_000;

export interface OpenRequest {
  openid: string;
  deviceCode: string;
  requestId: string;
  purpose: SessionPurpose;
  method: CabinetPayMethod | null;
}

function newSession(
  request: OpenRequest,
  device: DeviceRecord,
  sessionId: string,
  now: Date,
  paymentId: string | null,
  mode: SessionRecord['payScoreMode'],
): SessionRecord {
  return {
    _id: sessionId,
    openid: request.openid,
    requestId: request.requestId,
    deviceCode: device.deviceCode,
    deviceName: device.name,
    storeId: device.storeId!,
    purpose: request.purpose,
    method: request.method,
    state: mode === 'confirm' ? 'confirming' : 'opening',
    orderCode: null,
    paymentId,
    payScoreMode: mode,
    openDeadline: new Date(now.getTime() + cabinetConfig().openTimeoutSeconds * 1000 * (mode === 'confirm' ? 3 : 1)),
    openedAt: null,
    closedAt: null,
    endedAt: null,
    endReason: null,
    deviceReleased: false,
    dinerReleased: request.purpose === 'restock',
    command: { status: 'sending', attempts: 0, lastError: null },
    order: null,
    orderedAt: null,
    orderState: null,
    orderType: null,
    createdAt: now,
    updatedAt: now,
  };
}

async function replay(sessionId: string, storeName: string | null): Promise<OpenDoorReply<Date>> {
  const session = await findSession(sessionId);
  if (!session) throw new AppError(Errors.SESSION_NOT_FOUND);
  return { session: sessionView(session, storeName), replayed: true, payScoreConfirm: null };
}

/**
 * 开门. Checks (phone, unpaid, tickets, Pay Score) → the diner, then the device, taken with
 * compare-and-set updates (one session per diner and per device; two diners on one device: one
 * wins, the other is told the cabinet is in use) → the session (its id derives from the diner and
 * requestId: a repeated tap is a replay) → the Pay Score service order (no-confirm: DOING at once;
 * confirm mode: the diner confirms first) → the vendor's open command.
 */
export async function openDoor(request: OpenRequest): Promise<OpenDoorReply<Date>> {
  const now = new Date();
  const sessionId = sessionIdFor(request.openid, request.requestId);
  const shopping = request.purpose === 'shopping';
  const mode = shopping && request.method === 'payscore' ? payScoreMode() : null;
  const [device, member, authorization] = await Promise.all([
    findDevice(request.deviceCode),
    shopping ? findMember(request.openid) : Promise.resolve(null),
    mode === 'no_confirm' ? authorizationOf(request.openid) : Promise.resolve(null),
  ]);
  const store = device?.storeId ? await findStore(device.storeId) : null;
  const availability = deviceAvailability(device, store, now, cabinetConfig().heartbeatStaleSeconds);
  if (availability === 'busy' && device?.sessionId === sessionId) return replay(sessionId, store?.name ?? null);
  if (availability === 'busy') throw new AppError(Errors.DEVICE_BUSY);
  if (availability !== 'available' || !device || !store) throw new AppError(Errors.DEVICE_UNAVAILABLE, { details: { availability } });

  if (shopping && !member?.phoneSealed && !member?.phone) throw new AppError(Errors.PHONE_REQUIRED);

  const holdUntil = new Date(now.getTime() + cabinetConfig().openTimeoutSeconds * 3000 + SHOPPING_HOLD_MS);
  if (shopping) {
    let claim = await claimDiner(request.openid, sessionId, holdUntil, now);
    if (claim.outcome === 'unpaid' && claim.diner) {
      const stillOwed = await settleUnpaid(request.openid, claim.diner.unpaidOrderIds);
      if (stillOwed.length > 0) throw new AppError(Errors.UNPAID_ORDERS, { details: { orderIds: stillOwed } });
      claim = await claimDiner(request.openid, sessionId, holdUntil, now);
    }
    if (claim.outcome !== 'claimed') {
      if (claim.diner?.sessionId === sessionId) return replay(sessionId, store.name);
      throw new AppError(Errors.SESSION_ALREADY_OPEN, { details: { sessionId: claim.diner?.sessionId ?? null } });
    }
    // The payment choice comes after the unpaid-order check (seed order); the diner is given back if it fails.
    const program = await loyaltyProgram();
    const reason = methodAvailability(request.method!, {
      ticketBalance: member?.tickets ?? 0,
      minTicketBalance: minTicketBalanceOf(store, program.rules.ticketsPerYuan),
      payScore: authorization ? authorization.state : 'authorized',
      payScoreMode: mode ?? 'no_confirm',
    });
    if (reason) {
      await releaseDiner(request.openid, sessionId, null, now);
      throw new AppError(request.method === 'tickets' ? Errors.TICKETS_INSUFFICIENT : Errors.PAYSCORE_NOT_AUTHORIZED, { message: reason });
    }
  }
  if (!(await claimDevice(device.deviceCode, sessionId, holdUntil, now))) {
    if (shopping) await releaseDiner(request.openid, sessionId, null, now);
    throw new AppError(Errors.DEVICE_BUSY);
  }

  const paymentId = mode ? newPayScoreOrderNo(now) : null;
  const session = newSession(request, device, sessionId, now, paymentId, mode);
  try {
    await insertSession(session);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // The same tap again after the session ended: give back what this call just took.
    const existing = await findSession(sessionId);
    if (existing) await releaseLocks({ ...existing, deviceReleased: false, dinerReleased: !shopping }, existing.state);
    return replay(sessionId, store.name);
  }

  let payScoreConfirm: OpenDoorReply<Date>['payScoreConfirm'] = null;
  if (mode && paymentId) {
    try {
      const opened = await openSmartRetailOrder(
        {
          openid: request.openid,
          storeId: store._id,
          outOrderNo: paymentId,
          riskFen: store.amountLimitFen ?? DEFAULT_AMOUNT_LIMIT_FEN,
          sessionId,
          deviceCode: device.deviceCode,
          title: `${store.name}智能柜`,
        },
        authorization ? { authorization } : {},
      );
      if (opened.mode === 'confirm') payScoreConfirm = { businessType: opened.payScore.businessType, extraData: { ...opened.payScore.extraData } };
    } catch (error) {
      await failSession(session, '支付分订单创建失败');
      throw error;
    }
  }
  if (session.state === 'confirming') return { session: sessionView(session, store.name), replayed: false, payScoreConfirm };
  return { session: sessionView(await commandDoor(session), store.name), replayed: false, payScoreConfirm };
}

async function failSession(session: SessionRecord, reason: string): Promise<SessionRecord> {
  const to = nextSessionState(session.state, session.purpose, { type: 'command_failed' });
  if (!to.changed) return session;
  const ended = { ...session, state: to.state, endReason: reason, endedAt: new Date() };
  if (await updateSessionIf(session._id, session.state, { state: to.state, endReason: reason, endedAt: ended.endedAt }))
    await endWithoutOrder(session, to.state, reason);
  return ended;
}

/** Sends the open command now; a refusal ends the session, no answer queues the 15/30/60 s retries. */
export async function commandDoor(session: SessionRecord): Promise<SessionRecord> {
  const result = await sendOpenDoor(session).catch((error: Error) => ({
    ok: false as const,
    retryable: true,
    errorCode: null,
    message: error.message,
    status: 0,
  }));
  if (result.ok) {
    const command = { status: 'sent' as const, attempts: session.command.attempts + 1, lastError: null };
    await patchSession(session._id, { command, orderCode: session.orderCode ?? result.data.orderCode });
    return { ...session, command, orderCode: session.orderCode ?? result.data.orderCode };
  }
  if (!result.retryable) return failSession(session, `厂商拒绝开门：${result.message}`.slice(0, 80));
  const command = { status: 'retrying' as const, attempts: session.command.attempts + 1, lastError: result.message.slice(0, 200) };
  await Promise.all([
    patchSession(session._id, { command }),
    queueRetry('vendor.openDoor', `vendor.openDoor:${session._id}`, { sessionId: session._id }, result.message, session.storeId),
  ]);
  return { ...session, command };
}

/** Confirm mode: the diner confirmed in WeChat → ask WeChat, then open. */
export async function confirmOpen(openid: string, sessionId: string): Promise<SessionView<Date>> {
  const session = await findSession(sessionId);
  if (!session || session.openid !== openid) throw new AppError(Errors.SESSION_NOT_FOUND);
  const store = await findStore(session.storeId);
  if (session.state !== 'confirming' || !session.paymentId) {
    if (session.state === 'opening' || session.state === 'opened') return sessionView(session, store?.name ?? null);
    throw new AppError(Errors.SESSION_NOT_CONFIRMABLE);
  }
  await confirmSmartRetailOrder(session.paymentId);
  if (!(await updateSessionIf(sessionId, 'confirming', { state: 'opening', openDeadline: new Date(Date.now() + cabinetConfig().openTimeoutSeconds * 1000) }))) {
    const current = await findSession(sessionId);
    return sessionView(current ?? session, store?.name ?? null);
  }
  return sessionView(await commandDoor({ ...session, state: 'opening' }), store?.name ?? null);
}

export async function cancelOpen(openid: string, sessionId: string): Promise<SessionView<Date>> {
  const session = await findSession(sessionId);
  if (!session || session.openid !== openid) throw new AppError(Errors.SESSION_NOT_FOUND);
  const to = nextSessionState(session.state, session.purpose, { type: 'cancel' });
  if (!to.changed) throw new AppError(Errors.SESSION_NOT_CONFIRMABLE);
  const endedAt = new Date();
  if (await updateSessionIf(sessionId, session.state, { state: to.state, endedAt, endReason: '顾客取消' }))
    await endWithoutOrder(session, to.state, '顾客取消开门');
  const store = await findStore(session.storeId);
  return sessionView({ ...session, state: to.state, endedAt, endReason: '顾客取消' }, store?.name ?? null);
}
