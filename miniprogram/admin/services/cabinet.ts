import { api } from '../../services/api';
import type {
  BindDeviceInput,
  ListCabinetOrdersInput,
  ListDevicesInput,
  ListManualTasksInput,
  ListProductsInput,
  SaveProductInput,
} from '../../../typings/api/cabinet';

/** Staff cabinet screens (context `cabinet`, staff actions; store-scoped by the backend). Amounts in fen. */
export type {
  AlarmView,
  CabinetOrderDetail,
  CabinetOrderState,
  CabinetOrderType,
  CabinetOrderView,
  DeviceDetail,
  DeviceQrCode,
  DeviceStatus,
  DeviceView,
  ManualTaskStatus,
  ManualTaskView,
  ProductStatus,
  ProductView,
  SaveProductInput,
  SessionView,
} from '../../../typings/api/cabinet';

export function listDevices(filter: ListDevicesInput) {
  return api.cabinet.listDevices({ ...filter });
}

export function getDevice(deviceCode: string) {
  return api.cabinet.getDevice({ deviceCode });
}

export function getDeviceQrCode(deviceCode: string) {
  return api.cabinet.getDeviceQrCode({ deviceCode });
}

export function bindDevice(input: BindDeviceInput) {
  return api.cabinet.bindDevice({ ...input });
}

/** 开门补货: the same key for a retry of one tap opens the door once. */
export function openForRestock(deviceCode: string, requestId: string) {
  return api.cabinet.openForRestock({ deviceCode, requestId });
}

export function listProducts(filter: ListProductsInput) {
  return api.cabinet.listProducts({ ...filter });
}

export function saveProduct(input: SaveProductInput) {
  return api.cabinet.saveProduct({ ...input });
}

export function listCabinetOrders(filter: ListCabinetOrdersInput) {
  return api.cabinet.listCabinetOrders({ ...filter });
}

export function getCabinetOrder(orderId: string) {
  return api.cabinet.getCabinetOrder({ orderId });
}

export function listManualTasks(filter: ListManualTasksInput) {
  return api.cabinet.listManualTasks({ ...filter });
}

export function retryManualTask(taskId: string) {
  return api.cabinet.retryManualTask({ taskId });
}

export function closeManualTask(taskId: string, reason: string) {
  return api.cabinet.closeManualTask({ taskId, reason });
}

/** One key per staff tap (8–64 of [A-Za-z0-9_-] as the contract requires). */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
