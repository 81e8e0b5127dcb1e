import { orderingContract } from '../../../../typings/api/ordering';
import { AppError, implement, requireOpenid } from '../../../shared/kit';
import { Errors } from '../errors';
import { addLine, editLine, readCart } from '../application/cart';
import * as menu from '../application/menu-admin';
import { addDishes as addToOrder, placeTableOrder as place } from '../application/place-order';
import * as orders from '../application/table-orders';
import * as tables from '../application/tables-admin';

/** Thin handlers of 扫码点餐: validated input → use case → view. */
const a = orderingContract.actions;

// ---- diner
export const resolveTable = implement(a.resolveTable, async (input, ctx) => tables.resolveTable(input.scene, ctx.caller.openid ?? null));
export const getMenu = implement(a.getMenu, async (input, ctx) => menu.dinerMenu(input.storeId, ctx.caller.openid ?? null));
export const getTableCart = implement(a.getTableCart, async (input, ctx) => readCart(input.scene, requireOpenid(ctx.caller)));
export const addToCart = implement(a.addToCart, async (input, ctx) => addLine(input, requireOpenid(ctx.caller)));
export const changeCartLine = implement(a.changeCartLine, async (input, ctx) => {
  requireOpenid(ctx.caller);
  return editLine(input);
});
export const removeCartLine = implement(a.removeCartLine, async (input, ctx) => {
  requireOpenid(ctx.caller);
  return editLine({ scene: input.scene, lineId: input.lineId, quantity: 0 });
});
export const placeTableOrder = implement(a.placeTableOrder, async (input, ctx) => place(input, requireOpenid(ctx.caller)));
export const addDishes = implement(a.addDishes, async (input, ctx) => addToOrder(input, requireOpenid(ctx.caller)));
export const getTableOrders = implement(a.getTableOrders, async (input, ctx) => orders.tableOrdersOf(input.scene, requireOpenid(ctx.caller)));
export const getTableOrder = implement(a.getTableOrder, async (input, ctx) => orders.tableOrderFor(input.orderId, requireOpenid(ctx.caller)));
export const cancelTableOrder = implement(a.cancelTableOrder, async (input, ctx) =>
  orders.cancel({ orderId: input.orderId, reason: input.reason }, { kind: 'diner', openid: requireOpenid(ctx.caller) }),
);

// ---- staff: tables
export const listTables = implement(a.listTables, async (input) => tables.listTables(input.storeId));
export const createTable = implement(a.createTable, async (input) => tables.createTable(input));
export const updateTable = implement(a.updateTable, async (input) => tables.editTable(input));
export const deleteTable = implement(a.deleteTable, async (input) => tables.deleteTable(input));
export const rotateTableKey = implement(a.rotateTableKey, async (input) => tables.rotateKey(input));
export const getTableCode = implement(a.getTableCode, async (input) => tables.tableCode(input));
export const getTableCodeSheet = implement(a.getTableCodeSheet, async () => {
  // Not built yet (issue 13 stays open for it): a clear refusal, not an internal error; each
  // table's code is available through getTableCode.
  throw new AppError(Errors.CODE_SHEET_UNAVAILABLE);
});

// ---- staff: menu
export const listCategories = implement(a.listCategories, async (input) => menu.listCategories(input.storeId));
export const saveCategory = implement(a.saveCategory, async (input) => menu.saveCategory(input));
export const deleteCategory = implement(a.deleteCategory, async (input) => menu.deleteCategory(input));
export const listDishes = implement(a.listDishes, async (input) => menu.listDishes(input));
export const saveDish = implement(a.saveDish, async (input) => menu.saveDish(input));
export const setDishSoldOut = implement(a.setDishSoldOut, async (input) => menu.setSoldOut(input));
export const deleteDish = implement(a.deleteDish, async (input) => menu.retireDish(input));

// ---- staff: kitchen
export const listKitchenOrders = implement(a.listKitchenOrders, async (input) => orders.kitchenBoard(input));
export const advanceTableOrder = implement(a.advanceTableOrder, async (input, ctx) => orders.advance(input, ctx.staff));
export const weighLine = implement(a.weighLine, async (input, ctx) => orders.weighOrderLine(input, ctx.staff));
export const confirmCounterPayment = implement(a.confirmCounterPayment, async (input, ctx) => orders.confirmCounterPayment(input, ctx.staff));
export const staffCancelTableOrder = implement(a.staffCancelTableOrder, async (input, ctx) =>
  orders.cancel({ orderId: input.orderId, reason: input.reason, storeId: input.storeId }, { kind: 'staff', staff: ctx.staff }),
);
