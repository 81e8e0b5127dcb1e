import { cabinetContract } from '../../../typings/api/cabinet';
import { createFunction, pingHandler } from '../../shared/kit';
import { runDueJobs } from './application/job-runner';
import { endTimedOutSessions } from './application/open-timeouts';
import * as diner from './handlers/diner';
import { vendorRoutes } from './handlers/http/vendor-routes';
import * as staff from './handlers/staff';
import { removeExpiredNonces, removeExpiredRateBuckets } from './repositories/plumbing';

export const main = createFunction(cabinetContract, {
  actions: {
    ping: pingHandler(cabinetContract.name),
    resolveScan: diner.resolveScan,
    checkBeforeOpen: diner.checkBeforeOpen,
    authorizePayScore: diner.authorizePayScore,
    openDoor: diner.openDoor,
    confirmOpen: diner.confirmOpen,
    cancelOpen: diner.cancelOpen,
    getSession: diner.getSession,
    getCurrentSession: diner.getCurrentSession,
    listDevices: staff.listDevices,
    getDevice: staff.getDevice,
    getDeviceQrCode: staff.getDeviceQrCode,
    bindDevice: staff.bindDevice,
    openForRestock: staff.openForRestock,
    listProducts: staff.listProducts,
    saveProduct: staff.saveProduct,
    listCabinetOrders: staff.listCabinetOrders,
    getCabinetOrder: staff.getCabinetOrder,
    listManualTasks: staff.listManualTasks,
    retryManualTask: staff.retryManualTask,
    closeManualTask: staff.closeManualTask,
  },
  routes: vendorRoutes,
  // One timer (CloudBase allows one per function), every 5 s so the 15/30/60 s retries run on time:
  // due jobs, doors that never opened, housekeeping. Independent jobs: one failing does not stop the others.
  timer: async (_event, ctx) => {
    const jobs = {
      jobs: runDueJobs(),
      openTimeouts: endTimedOutSessions(),
      expiredNonces: removeExpiredNonces(),
      expiredRateBuckets: removeExpiredRateBuckets(),
    };
    const settled = await Promise.allSettled(Object.values(jobs));
    const report: Record<string, unknown> = {};
    Object.keys(jobs).forEach((job, i) => {
      const r = settled[i];
      if (r.status === 'fulfilled') report[job] = r.value;
      else {
        const error = (r.reason as Error)?.message ?? String(r.reason);
        ctx.log.error('timer job failed', { job, error });
        report[job] = { error };
      }
    });
    return report;
  },
});
