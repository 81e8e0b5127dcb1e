import type { PayMode } from '../../typings/api/ordering';
import { api } from './api';
import { newRequestId } from './payment';

/**
 * 扫码点餐 for the diner (context `ordering`): the table a code opens, the menu, the table's
 * shared cart, placing and 加菜, and the table order's status. Every table action carries the
 * code's scene (table + key): a rotated or forged code is refused. Amounts are integer fen.
 */
export type {
  CartLine,
  DinerMenu,
  MenuDish,
  PayMode,
  PlacedTableOrders,
  TableCart,
  TableOrderLine,
  TableOrderView,
  TableSession,
} from '../../typings/api/ordering';

/** The table behind a code's scene, its store, the cart round to watch and its active orders. */
export function resolveTable(scene: string) {
  return api.ordering.resolveTable({ scene });
}

/** The store's menu in one call, with the caller's member price. */
export function getMenu(storeId: string) {
  return api.ordering.getMenu({ storeId });
}

export function getTableCart(scene: string) {
  return api.ordering.getTableCart({ scene });
}

/** One more portion of a dish on the caller's line (atomic on the server: no lost line). */
export function addToCart(scene: string, dishId: string) {
  return api.ordering.addToCart({ scene, dishId, quantity: 1 });
}

/** Sets a line (anyone at the table may) to `quantity` portions; 0 removes it. */
export function setCartLineQuantity(scene: string, lineId: string, quantity: number) {
  return quantity > 0 ? api.ordering.changeCartLine({ scene, lineId, quantity }) : api.ordering.removeCartLine({ scene, lineId });
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

/** The table pays together (one person pays all): split mode `table`. */
export function placeTableOrder(input: PlaceInput) {
  return api.ordering.placeTableOrder({ ...input, splitMode: 'table' });
}

/** 加菜: this cart round goes to the table's order as an addition (the kitchen gets the delta). */
export function addDishes(input: { scene: string; cartRound: number; orderId: string; requestId: string }) {
  return api.ordering.addDishes(input);
}

export function getTableOrder(orderId: string) {
  return api.ordering.getTableOrder({ orderId });
}

export function cancelTableOrder(orderId: string, reason = '') {
  return api.ordering.cancelTableOrder({ orderId, reason });
}

/** A fresh idempotency key for one checkout. */
export function newCheckoutKey(): string {
  return newRequestId('table');
}
