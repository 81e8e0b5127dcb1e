import type { Session } from '../typings/api/member';
import { getSession } from './services/member';
import { initTransport } from './services/transport';
import type { AppOption } from './types/app';

// One in-flight/settled request per launch; failures are not cached so pages can retry.
let sessionRequest: Promise<Session> | null = null;

App<AppOption>({
  globalData: {
    session: null,
  },

  onLaunch() {
    initTransport();
    // Start loading who the caller is right away; pages await the same promise.
    this.loadSession().catch(() => {
      // Pages that need the session show their own error state and retry.
    });
  },

  loadSession(force = false) {
    if (!sessionRequest || force) {
      const request = getSession().then(
        (session) => {
          if (sessionRequest === request) this.globalData.session = session;
          return session;
        },
        (error: unknown) => {
          if (sessionRequest === request) sessionRequest = null;
          throw error;
        },
      );
      sessionRequest = request;
    }
    return sessionRequest;
  },
});
