import { orderingContract } from '../../../typings/api/ordering';
import { createFunction, pingHandler } from '../../shared/kit';
import * as table from './handlers/table-ordering';
import { getMyOrder, listMyOrders } from './handlers/my-orders';
import { withTableLiveGrant } from './handlers/live-grants';
import * as printing from './handlers/printing';
import { orderingTimer } from './timer';

export const main = createFunction(orderingContract, {
  actions: {
    ping: pingHandler(orderingContract.name),
    listMyOrders,
    getMyOrder,
    // qr-live: a verified scan seats the caller for the live views (handlers/live-grants.ts)
    resolveTable: withTableLiveGrant(table.resolveTable),
    getMenu: table.getMenu,
    getTableCart: table.getTableCart,
    addToCart: table.addToCart,
    changeCartLine: table.changeCartLine,
    removeCartLine: table.removeCartLine,
    placeTableOrder: table.placeTableOrder,
    addDishes: table.addDishes,
    getTableOrders: table.getTableOrders,
    getTableOrder: table.getTableOrder,
    cancelTableOrder: table.cancelTableOrder,
    listTables: table.listTables,
    createTable: table.createTable,
    updateTable: table.updateTable,
    deleteTable: table.deleteTable,
    rotateTableKey: table.rotateTableKey,
    getTableCode: table.getTableCode,
    getTableCodeSheet: table.getTableCodeSheet,
    listCategories: table.listCategories,
    saveCategory: table.saveCategory,
    deleteCategory: table.deleteCategory,
    listDishes: table.listDishes,
    saveDish: table.saveDish,
    setDishSoldOut: table.setDishSoldOut,
    deleteDish: table.deleteDish,
    listKitchenOrders: table.listKitchenOrders,
    advanceTableOrder: table.advanceTableOrder,
    weighLine: table.weighLine,
    confirmCounterPayment: table.confirmCounterPayment,
    staffCancelTableOrder: table.staffCancelTableOrder,
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
