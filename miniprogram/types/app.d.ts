import type { Session } from '../../typings/api/member';

/** What `getApp<AppOption>()` returns: see app.ts. */
export interface AppOption {
  globalData: {
    session: Session | null;
  };
  /** The caller's session, fetched once per launch; `force` refetches (e.g. after switching test user). */
  loadSession(force?: boolean): Promise<Session>;
}
