import type { CounterMethod, IngredientLine, KitchenStation, KitchenStep, MealTime, WeightUnit } from '../../../typings/api/ordering';
import { api } from '../../services/api';
import { newRequestId } from '../../services/payment';

/**
 * 扫码点餐 for staff (context `ordering`): tables and their codes, the menu, the kitchen board.
 * Every action names its store; the backend checks the caller manages it (roles per the contract,
 * utils/permissions.ts).
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
  PrintJobView,
  TableCodeImage,
  TableCodeSheet,
  TableOrderView,
  TableView,
  WeightUnit,
} from '../../../typings/api/ordering';
export type { KitchenOrderView, DishCarbonView } from '../../../typings/api/ordering';

// ---- tables and codes

export function listTables(storeId: string) {
  return api.ordering.listTables({ storeId });
}

export function createTable(storeId: string, fields: { name: string; area: string; seats: number }) {
  return api.ordering.createTable({ storeId, ...fields });
}

export function updateTable(storeId: string, tableId: string, fields: { name?: string; area?: string; seats?: number; status?: 'active' | 'disabled' }) {
  return api.ordering.updateTable({ storeId, tableId, ...fields });
}

export function deleteTable(storeId: string, tableId: string) {
  return api.ordering.deleteTable({ storeId, tableId });
}

/** New key: the table's old codes stop working at once. */
export function rotateTableKey(storeId: string, tableId: string) {
  return api.ordering.rotateTableKey({ storeId, tableId });
}

export function getTableCode(storeId: string, tableId: string) {
  return api.ordering.getTableCode({ storeId, tableId });
}

export function getTableCodeSheet(storeId: string) {
  return api.ordering.getTableCodeSheet({ storeId });
}

// ---- menu

export function listCategories(storeId: string) {
  return api.ordering.listCategories({ storeId });
}

export function saveCategory(storeId: string, fields: { categoryId?: string; name: string; station: KitchenStation; displayOrder: number }) {
  return api.ordering.saveCategory({ storeId, ...fields });
}

export function listDishes(storeId: string, page = 1, pageSize = 100) {
  return api.ordering.listDishes({ storeId, page, pageSize });
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
  return api.ordering.saveDish({ storeId, ...fields });
}

export function setDishSoldOut(storeId: string, dishId: string, soldOut: boolean) {
  return api.ordering.setDishSoldOut({ storeId, dishId, soldOut });
}

// ---- kitchen

export function listKitchenOrders(storeId: string, station?: KitchenStation) {
  return api.ordering.listKitchenOrders({ storeId, ...(station ? { station } : {}) });
}

export function advanceTableOrder(storeId: string, orderId: string, step: KitchenStep) {
  return api.ordering.advanceTableOrder({ storeId, orderId, step });
}

/** Records a weighed line's weight (in its unit, ≤ 3 decimals). */
export function weighLine(storeId: string, orderId: string, lineNo: number, weight: number) {
  return api.ordering.weighLine({ storeId, orderId, lineNo, weight });
}

export function confirmCounterPayment(storeId: string, orderId: string, method: CounterMethod, requestId = newRequestId('counter')) {
  return api.ordering.confirmCounterPayment({ storeId, orderId, method, requestId });
}
