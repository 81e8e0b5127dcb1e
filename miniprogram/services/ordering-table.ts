import type { DinerMenu, PayMode, PlacedTableOrders, TableCart, TableOrderView, TableSession } from './ordering-table-types';
import { newRequestId } from './payment';
import { callFunction } from './transport';

/**
 * 扫码点餐 for the diner (context `ordering`): the table a code opens, the menu, the table's
 * shared cart, placing and 加菜, and the table order's status. Every table action carries the
 * code's scene (table + key): a rotated or forged code is refused. Amounts are integer fen.
 * PROVISIONAL wire (callFunction) until the ordering contract is merged; then `api.ordering.*`.
 */
export type * from './ordering-table-types';

const call = <T>(action: string, payload: Record<string, unknown>) => callFunction<T>('ordering', action, payload);

/** The table behind a code's scene, its store, the cart round to watch and its active orders. */
export function resolveTable(scene: string) {
  return call<TableSession>('resolveTable', { scene });
}

/** The store's menu in one call, with the caller's member price. */
export function getMenu(storeId: string) {
  return call<DinerMenu>('getMenu', { storeId });
}

export function getTableCart(scene: string) {
  return call<TableCart>('getTableCart', { scene });
}

/** One more portion of a dish on the caller's line (atomic on the server: no lost line). */
export function addToCart(scene: string, dishId: string) {
  return call<TableCart>('addToCart', { scene, dishId, quantity: 1 });
}

/** Sets a line (anyone at the table may) to `quantity` portions; 0 removes it. */
export function setCartLineQuantity(scene: string, lineId: string, quantity: number) {
  return quantity > 0 ? call<TableCart>('changeCartLine', { scene, lineId, quantity }) : call<TableCart>('removeCartLine', { scene, lineId });
}

export interface PlaceInput {
  scene: string;
  cartRound: number;
  partySize: number;
  remarks: string;
  payMode: PayMode;
  /** one key per checkout: a resent tap replays the first answer instead of ordering twice */
  requestId: string;
}

export function placeTableOrder(input: PlaceInput) {
  return call<PlacedTableOrders>('placeTableOrder', { ...input, splitMode: 'table' });
}

/** 加菜: this cart round goes to the table's order as an addition (the kitchen gets the delta). */
export function addDishes(input: { scene: string; cartRound: number; orderId: string; requestId: string }) {
  return call<PlacedTableOrders>('addDishes', { ...input });
}

export function getTableOrder(orderId: string) {
  return call<TableOrderView>('getTableOrder', { orderId });
}

export function cancelTableOrder(orderId: string, reason = '') {
  return call<TableOrderView>('cancelTableOrder', { orderId, reason });
}

/** A fresh idempotency key for one checkout. */
export function newCheckoutKey(): string {
  return newRequestId('table');
}
