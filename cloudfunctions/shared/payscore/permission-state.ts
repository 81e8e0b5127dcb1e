import { createHash } from 'node:crypto';
import type { AuthorizationState, PayScoreAuthorization } from './types';

/**
 * Pure rules of the one-time Pay Score authorization (smart retail): how its events are read,
 * which of two events about the same diner wins, what our authorization_code is.
 */

/** `payscore_permissions/{openid}` */
export interface PermissionRecord {
  _id: string;
  openid: string;
  authorizationCode: string;
  state: AuthorizationState;
  /** when WeChat says the diner opened / closed the service (the notification's openorclose_time) */
  changedAt: Date;
  source: 'notification' | 'query';
  /** the notification that set it (WeChat's id), for the log */
  notificationId?: string;
  updatedAt: Date;
}

/**
 * authorization_code is ours (WeChat: ≤ 32 chars, unique per merchant user): derived from the
 * openid, so a repeated authorization request reuses it and a notification can be checked
 * against it, without storing anything before the diner acts.
 */
export function authorizationCodeFor(openid: string): string {
  return createHash('sha256').update(`payscore:${openid}`).digest('hex').slice(0, 32);
}

export const PERMISSION_EVENTS = { 'PAYSCORE.USER_OPEN_SERVICE': 'authorized', 'PAYSCORE.USER_CLOSE_SERVICE': 'unauthorized' } as const;
export type PermissionEventType = keyof typeof PERMISSION_EVENTS;

export function isPermissionEvent(eventType: string): eventType is PermissionEventType {
  return Object.prototype.hasOwnProperty.call(PERMISSION_EVENTS, eventType);
}

/** WeChat's answer to GET permissions/openid/{openid}: only AVAILABLE lets orders be created without confirmation. */
export function stateFromQuery(authorizationState: unknown): AuthorizationState {
  return authorizationState === 'AVAILABLE' ? 'authorized' : 'unauthorized';
}

/** Pay Score times: yyyyMMddHHmmss in Beijing time (or RFC 3339); null when unreadable. */
export function parsePayScoreTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`);
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export type PermissionDecision = 'apply' | 'stale' | 'duplicate';

/**
 * Out-of-order safe: a notification (or query answer) applies only if it is newer than what is
 * stored. The same state at the same time is the same event again; a different state at the same
 * second — WeChat's times are whole seconds — is applied, the later arrival being the later fact.
 */
export function decidePermissionChange(
  stored: Pick<PermissionRecord, 'state' | 'changedAt'> | null,
  incoming: { state: AuthorizationState; changedAt: Date },
): PermissionDecision {
  if (!stored) return 'apply';
  const storedAt = new Date(stored.changedAt).getTime();
  const at = incoming.changedAt.getTime();
  if (at < storedAt) return 'stale';
  if (at === storedAt && stored.state === incoming.state) return 'duplicate';
  return 'apply';
}

export function authorizationView(openid: string, record: PermissionRecord | null): PayScoreAuthorization {
  if (!record) return { openid, state: 'unauthorized', changedAt: null, source: 'none' };
  return { openid, state: record.state, changedAt: new Date(record.changedAt), source: record.source };
}
