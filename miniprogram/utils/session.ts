import type { Session } from '../../typings/api/member';
import type { AppOption } from '../types/app';

/** Pages read the session through the App so it is loaded once per launch, not per page. */
export function loadSession(force = false): Promise<Session> {
  return getApp<AppOption>().loadSession(force);
}
