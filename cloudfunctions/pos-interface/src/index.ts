import { posInterfaceContract } from '../../../typings/api/pos-interface';
import { createFunction, pingHandler } from '../../shared/kit';
import * as staff from './handlers/admin';
import { posRoutes } from './handlers/http';
import { closeAbandonedPushes } from './application/abandoned-pushes';
import { computePendingCarbon } from './handlers/jobs/pending-carbon';
import { deliverDueWebhooks } from './outbox';
import { removeExpiredAccessTokens } from './repositories/access-token-repository';
import { removeExpiredNonces, removeExpiredRateBuckets } from './repositories/integration-plumbing';
import { configuration } from './configuration';

export const main = createFunction(posInterfaceContract, {
  config: configuration,
  actions: {
    ping: pingHandler(posInterfaceContract.name),
    createIntegration: staff.createIntegration,
    listIntegrations: staff.listIntegrations,
    getIntegration: staff.getIntegration,
    updateIntegration: staff.updateIntegration,
    enableIntegration: staff.enableIntegration,
    disableIntegration: staff.disableIntegration,
    rotateIntegrationSecret: staff.rotateIntegrationSecret,
    testIntegrationConnection: staff.testIntegrationConnection,
    deleteIntegration: staff.deleteIntegration,
    listSyncLogs: staff.listSyncLogs,
    getSyncLog: staff.getSyncLog,
    integrationHealth: staff.integrationHealth,
    listWebhookEvents: staff.listWebhookEvents,
    listDeadLetters: staff.listDeadLetters,
    replayDeadLetter: staff.replayDeadLetter,
    pushMenu: staff.pushMenu,
    getMenuPush: staff.getMenuPush,
  },
  routes: posRoutes,
  // One timer (CloudBase allows one per function), every minute: late carbon, webhook retries,
  // cut-off menu pushes, housekeeping. The jobs are independent, so one failing does not stop the others.
  timer: async (_event, ctx) => {
    const jobs = {
      pendingCarbon: computePendingCarbon(ctx.log),
      webhooks: deliverDueWebhooks(),
      abandonedPushes: closeAbandonedPushes(),
      expiredNonces: removeExpiredNonces(),
      expiredRateBuckets: removeExpiredRateBuckets(),
      expiredTokens: removeExpiredAccessTokens(),
    };
    const settled = await Promise.allSettled(Object.values(jobs));
    const report: Record<string, unknown> = {};
    Object.keys(jobs).forEach((job, i) => {
      const r = settled[i];
      if (r.status === 'fulfilled') {
        report[job] = r.value;
        return;
      }
      const error = (r.reason as Error)?.message ?? String(r.reason);
      ctx.log.error('timer job failed', { job, error });
      report[job] = { error };
    });
    return report;
  },
});
