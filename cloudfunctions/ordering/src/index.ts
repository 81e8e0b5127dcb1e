import { orderingContract } from '../../../typings/api/ordering';
import { createFunction, pingHandler } from '../../shared/kit';
import { getMyOrder, listMyOrders } from './handlers/my-orders';
import * as printing from './handlers/printing';
import { orderingTimer } from './timer';

export const main = createFunction(orderingContract, {
  actions: {
    ping: pingHandler(orderingContract.name),
    listMyOrders,
    getMyOrder,
    // live views and cloud printing (qr-live)
    startLiveView: printing.startLiveView,
    getPrinterSettings: printing.getPrinterSettings,
    savePrinterSettings: printing.savePrinterSettings,
    listPrintJobs: printing.listPrintJobs,
    retryPrintJob: printing.retryPrintJob,
    reprintOrder: printing.reprintOrder,
  },
  timer: (_event, ctx) => orderingTimer(ctx.log),
});
