import { orderingContract } from '../../../typings/api/ordering';
import type { AnyActionSpec } from '../../../typings/api/contract';
import { AppError, CommonErrors, createFunction, implement, pingHandler } from '../../shared/kit';
import { getMyOrder, listMyOrders } from './handlers/my-orders';
import * as printing from './handlers/printing';
import { orderingTimer } from './timer';

// Placeholder for the 扫码点餐 actions while they are being built (contract first, issue 13).
const notYet = <S extends AnyActionSpec>(spec: S) =>
  implement(spec, async () => {
    throw new AppError(CommonErrors.INTERNAL, { message: '功能建设中' });
  });

const a = orderingContract.actions;

export const main = createFunction(orderingContract, {
  actions: {
    ping: pingHandler(orderingContract.name),
    listMyOrders,
    getMyOrder,
    resolveTable: notYet(a.resolveTable),
    getMenu: notYet(a.getMenu),
    getTableCart: notYet(a.getTableCart),
    addToCart: notYet(a.addToCart),
    changeCartLine: notYet(a.changeCartLine),
    removeCartLine: notYet(a.removeCartLine),
    placeTableOrder: notYet(a.placeTableOrder),
    addDishes: notYet(a.addDishes),
    getTableOrders: notYet(a.getTableOrders),
    getTableOrder: notYet(a.getTableOrder),
    cancelTableOrder: notYet(a.cancelTableOrder),
    listTables: notYet(a.listTables),
    createTable: notYet(a.createTable),
    updateTable: notYet(a.updateTable),
    deleteTable: notYet(a.deleteTable),
    rotateTableKey: notYet(a.rotateTableKey),
    getTableCode: notYet(a.getTableCode),
    getTableCodeSheet: notYet(a.getTableCodeSheet),
    listCategories: notYet(a.listCategories),
    saveCategory: notYet(a.saveCategory),
    deleteCategory: notYet(a.deleteCategory),
    listDishes: notYet(a.listDishes),
    saveDish: notYet(a.saveDish),
    setDishSoldOut: notYet(a.setDishSoldOut),
    deleteDish: notYet(a.deleteDish),
    listKitchenOrders: notYet(a.listKitchenOrders),
    advanceTableOrder: notYet(a.advanceTableOrder),
    weighLine: notYet(a.weighLine),
    confirmCounterPayment: notYet(a.confirmCounterPayment),
    staffCancelTableOrder: notYet(a.staffCancelTableOrder),
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
