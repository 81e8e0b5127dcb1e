import type {
  CategoryView,
  CounterMethod,
  DishView,
  IngredientLine,
  KitchenBoard,
  KitchenStation,
  KitchenStep,
  MealTime,
  TableCodeImage,
  TableCodeSheet,
  TableOrderView,
  TableView,
  WeightUnit,
} from '../../services/ordering-table-types';
import type { Page } from '../../../typings/api/common';
import { newRequestId } from '../../services/payment';
import { callFunction } from '../../services/transport';

/**
 * 扫码点餐 for staff (context `ordering`): tables and their codes, the menu, the kitchen board.
 * Every action names its store; the backend checks the caller manages it (roles per the contract,
 * utils/permissions.ts). PROVISIONAL wire (callFunction) until the ordering contract is merged;
 * then `api.ordering.*`.
 */
export type {
  CategoryView,
  CounterMethod,
  DishView,
  IngredientLine,
  KitchenBoard,
  KitchenStation,
  KitchenStep,
  MealTime,
  TableCodeImage,
  TableCodeSheet,
  TableOrderView,
  TableView,
  WeightUnit,
} from '../../services/ordering-table-types';
export type { KitchenOrderView, DishCarbonView } from '../../services/ordering-table-types';

const call = <T>(action: string, payload: Record<string, unknown>) => callFunction<T>('ordering', action, payload);

// ---- tables and codes

export function listTables(storeId: string) {
  return call<TableView[]>('listTables', { storeId });
}

export function createTable(storeId: string, fields: { name: string; area: string; seats: number }) {
  return call<TableView>('createTable', { storeId, ...fields });
}

export function updateTable(storeId: string, tableId: string, fields: { name?: string; area?: string; seats?: number; status?: 'active' | 'disabled' }) {
  return call<TableView>('updateTable', { storeId, tableId, ...fields });
}

export function deleteTable(storeId: string, tableId: string) {
  return call<{ deleted: true; tableId: string }>('deleteTable', { storeId, tableId });
}

/** New key: the table's old codes stop working at once. */
export function rotateTableKey(storeId: string, tableId: string) {
  return call<TableView>('rotateTableKey', { storeId, tableId });
}

export function getTableCode(storeId: string, tableId: string) {
  return call<TableCodeImage>('getTableCode', { storeId, tableId });
}

export function getTableCodeSheet(storeId: string) {
  return call<TableCodeSheet>('getTableCodeSheet', { storeId });
}

// ---- menu

export function listCategories(storeId: string) {
  return call<CategoryView[]>('listCategories', { storeId });
}

export function saveCategory(storeId: string, fields: { categoryId?: string; name: string; station: KitchenStation; displayOrder: number }) {
  return call<CategoryView>('saveCategory', { storeId, ...fields });
}

export function listDishes(storeId: string, page = 1, pageSize = 100) {
  return call<Page<DishView>>('listDishes', { storeId, page, pageSize });
}

export interface DishFields {
  itemId?: string;
  name: string;
  categoryId: string;
  priceFen: number;
  imageFileID: string;
  description: string;
  ingredients: IngredientLine[];
  calories: number | null;
  allergens: string[];
  soldOut: boolean;
  displayOrder: number;
  mealTimes: MealTime[];
  soldByWeight: boolean;
  weightUnit: WeightUnit | null;
}

/** Saves a dish; the reply carries the carbon the engine computed (or 待计算 and why). */
export function saveDish(storeId: string, fields: DishFields) {
  return call<DishView>('saveDish', { storeId, ...fields });
}

export function setDishSoldOut(storeId: string, dishId: string, soldOut: boolean) {
  return call<DishView>('setDishSoldOut', { storeId, dishId, soldOut });
}

// ---- kitchen

export function listKitchenOrders(storeId: string, station?: KitchenStation) {
  return call<KitchenBoard>('listKitchenOrders', { storeId, ...(station ? { station } : {}) });
}

export function advanceTableOrder(storeId: string, orderId: string, step: KitchenStep) {
  return call<TableOrderView>('advanceTableOrder', { storeId, orderId, step });
}

/** Records a weighed line's weight (in its unit, ≤ 3 decimals). */
export function weighLine(storeId: string, orderId: string, lineNo: number, weight: number) {
  return call<TableOrderView>('weighLine', { storeId, orderId, lineNo, weight });
}

export function confirmCounterPayment(storeId: string, orderId: string, method: CounterMethod, requestId = newRequestId('counter')) {
  return call<{ order: TableOrderView; paidFen: number }>('confirmCounterPayment', { storeId, orderId, method, requestId });
}

// ---- printing (qr-live)

/** A print job that failed or was dead-lettered (PROVISIONAL shape until qr-live's staff action lands). */
export interface FailedPrintJob {
  jobId: string;
  orderId: string;
  tableName: string;
  kind: 'new' | 'addition' | 'receipt';
  printerName: string;
  /** `dead`: retries exhausted (needs staff); `retrying`: still being retried */
  state: 'dead' | 'retrying';
  attempts: number;
  lastError: string;
  updatedAt: string;
}

export function listFailedPrintJobs(storeId: string) {
  return call<{ items: FailedPrintJob[] }>('listFailedPrintJobs', { storeId });
}

/** Sends the job again (same ticket text; the printer job id keeps a reprint idempotent). */
export function retryPrintJob(storeId: string, jobId: string) {
  return call<{ jobId: string; state: string }>('retryPrintJob', { storeId, jobId });
}
