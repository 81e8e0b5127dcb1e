import { cabinetContract } from '../../../../typings/api/cabinet';
import { implement } from '../../../shared/kit';
import * as tasks from '../application/manual-tasks';
import * as orders from '../application/staff-orders';
import * as devices from '../application/staff-devices';
import * as products from '../application/products';

const a = cabinetContract.actions;

export const listDevices = implement(a.listDevices, (input, ctx) => devices.listDevices(ctx.staff, input));
export const getDevice = implement(a.getDevice, (input, ctx) => devices.getDevice(ctx.staff, input.deviceCode));
export const getDeviceQrCode = implement(a.getDeviceQrCode, (input, ctx) => devices.deviceQrCode(ctx.staff, input.deviceCode));
export const bindDevice = implement(a.bindDevice, (input, ctx) => devices.bindDevice(ctx.staff, input));
export const openForRestock = implement(a.openForRestock, (input, ctx) => devices.openForRestock(ctx.staff, input));
export const listProducts = implement(a.listProducts, (input) => products.listProducts(input));
export const saveProduct = implement(a.saveProduct, (input, ctx) => products.saveProduct(ctx.staff, input));
export const listCabinetOrders = implement(a.listCabinetOrders, (input, ctx) => orders.listCabinetOrders(ctx.staff, input));
export const getCabinetOrder = implement(a.getCabinetOrder, (input, ctx) => orders.getCabinetOrder(ctx.staff, input.orderId));
export const listManualTasks = implement(a.listManualTasks, (input, ctx) => tasks.listManualTasks(ctx.staff, input));
export const retryManualTask = implement(a.retryManualTask, (input, ctx) => tasks.retryManualTask(ctx.staff, input.taskId));
export const closeManualTask = implement(a.closeManualTask, (input, ctx) => tasks.closeManualTask(ctx.staff, input.taskId, input.reason));
