import { createFunction, pingAction } from '../../shared/kit';
import { integrationActions } from './handlers/admin';
import { posRoutes } from './handlers/http';
import { computePendingCarbon } from './handlers/jobs/pending-carbon';
import { deliverDueWebhooks } from './outbox';
import { removeExpiredNonces } from './repositories/nonce-repository';
import { removeExpiredRateBuckets } from './repositories/rate-bucket-repository';

export const main = createFunction({
  name: 'pos-interface',
  actions: {
    ping: pingAction('pos-interface'),
    ...integrationActions,
  },
  routes: posRoutes,
  // One timer (CloudBase allows one per function), every minute: late carbon, webhook retries,
  // housekeeping. The jobs are independent, so one failing does not stop the others.
  timer: async (_event, ctx) => {
    const [pendingCarbon, webhooks, nonces, rateBuckets] = await Promise.allSettled([
      computePendingCarbon(ctx.log),
      deliverDueWebhooks(),
      removeExpiredNonces(),
      removeExpiredRateBuckets(),
    ]);
    const report = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? r.value : { error: (r.reason as Error)?.message ?? String(r.reason) });
    for (const [job, r] of Object.entries({ pendingCarbon, webhooks, nonces, rateBuckets })) {
      if (r.status === 'rejected') ctx.log.error('timer job failed', { job, error: (r.reason as Error)?.message });
    }
    return { pendingCarbon: report(pendingCarbon), webhooks: report(webhooks), expiredNonces: report(nonces), expiredRateBuckets: report(rateBuckets) };
  },
});
