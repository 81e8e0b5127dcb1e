import type { Session } from '../../typings/api/session';
import { callFunction } from './transport';

export type { Session };

/** Who the caller is (role, staff record, member summary). App caches it: see app.ts. */
export function getSession(): Promise<Session> {
  return callFunction<Session>('member', 'getSession');
}
