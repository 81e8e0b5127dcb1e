import { Collections } from '../collections';
import { findById, txFindById, type Transaction } from '../repositories/database';
import { runInTransaction } from '../repositories/transaction';
import { applyPermissions, queryPermissionsByOpenid } from './apiv3-client';
import {
  authorizationCodeFor,
  authorizationView,
  decidePermissionChange,
  parsePayScoreTime,
  PERMISSION_EVENTS,
  stateFromQuery,
  type PermissionDecision,
  type PermissionEventType,
  type PermissionRecord,
} from './permission-state';
import { PAYSCORE_ENABLE_PATH, PAYSCORE_MINI_PROGRAM_APP_ID, type AuthorizationNavigation, type PayScoreAuthorization } from './types';

/**
 * The diner's one-time Pay Score authorization, stored from WeChat's permission notifications
 * (`payscore_permissions/{openid}`; this kernel is the only writer).
 */

export interface AuthorizationOptions {
  /** read inside the caller's transaction (the door-open checks) instead of on its own */
  tx?: Transaction;
  /**
   * Nothing stored (or stored 'unauthorized'): ask WeChat (GET permissions/openid/{openid}) and
   * store its answer — for the page returning from the Pay Score mini-program before the
   * notification arrived. One Pay Score call; default false (one DB read only).
   */
  askWeChat?: boolean;
}

/** 1 DB read (+ 1 Pay Score call and 3–4 DB round trips when `askWeChat` finds something new). */
export async function authorizationOf(openid: string, options: AuthorizationOptions = {}): Promise<PayScoreAuthorization> {
  const record = options.tx
    ? await txFindById<PermissionRecord>(options.tx, Collections.payscorePermissions, openid)
    : await findById<PermissionRecord>(Collections.payscorePermissions, openid);
  if (record?.state === 'authorized' || !options.askWeChat) return authorizationView(openid, record);
  const remote = await queryPermissionsByOpenid(openid);
  const state = stateFromQuery(remote.authorization_state);
  const changedAt = parsePayScoreTime(state === 'authorized' ? remote.authorization_success_time : remote.cancel_authorization_time) ?? new Date();
  if (state === record?.state || (!record && state === 'unauthorized')) return authorizationView(openid, record);
  const stored = await storePermission({ openid, state, changedAt, source: 'query' });
  return authorizationView(openid, stored.record);
}

/**
 * Starts the one-time authorization: WeChat's apply_permissions_token for the Pay Score
 * mini-program. The result comes back as a notification (recordPermissionNotification). 1 Pay
 * Score call, no DB round trip.
 */
export async function requestAuthorization(openid: string): Promise<AuthorizationNavigation> {
  const { applyPermissionsToken } = await applyPermissions(authorizationCodeFor(openid));
  return { appId: PAYSCORE_MINI_PROGRAM_APP_ID, path: PAYSCORE_ENABLE_PATH, extraData: { apply_permissions_token: applyPermissionsToken } };
}

/** A verified, decrypted PAYSCORE.USER_OPEN_SERVICE / USER_CLOSE_SERVICE notification. */
export interface PermissionNotification {
  /** WeChat's notification id */
  id: string;
  eventType: PermissionEventType;
  openid: string;
  /** the resource's openorclose_time (yyyyMMddHHmmss Beijing); the envelope's create_time or now when absent */
  changedAt: Date;
  authorizationCode?: string;
}

/**
 * Stores a permission notification; idempotent (the same notification again changes nothing) and
 * out-of-order safe (an older event never overwrites a newer one). 3–4 DB round trips.
 */
export async function recordPermissionNotification(
  notification: PermissionNotification,
): Promise<{ decision: PermissionDecision; state: PayScoreAuthorization['state'] }> {
  const stored = await storePermission({
    openid: notification.openid,
    state: PERMISSION_EVENTS[notification.eventType],
    changedAt: notification.changedAt,
    source: 'notification',
    notificationId: notification.id,
  });
  return { decision: stored.decision, state: stored.record.state };
}

async function storePermission(input: Pick<PermissionRecord, 'openid' | 'state' | 'changedAt' | 'source' | 'notificationId'>) {
  return runInTransaction(async (tx) => {
    const current = await txFindById<PermissionRecord>(tx, Collections.payscorePermissions, input.openid);
    const decision = decidePermissionChange(current, input);
    if (decision !== 'apply') return { decision, record: current! };
    const record: PermissionRecord = {
      _id: input.openid,
      openid: input.openid,
      authorizationCode: authorizationCodeFor(input.openid),
      state: input.state,
      changedAt: input.changedAt,
      source: input.source,
      ...(input.notificationId ? { notificationId: input.notificationId } : {}),
      updatedAt: new Date(),
    };
    const { _id, ...fields } = record;
    await tx.collection(Collections.payscorePermissions).doc(_id).set({ data: fields });
    return { decision, record };
  });
}

/** Test and seed helper: the stored permission as it is (no WeChat call). */
export async function findPermission(openid: string): Promise<PermissionRecord | null> {
  return findById<PermissionRecord>(Collections.payscorePermissions, openid);
}
