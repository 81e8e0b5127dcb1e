import type { CartEdit, TableCart } from '../../../../typings/api/ordering';
import { AppError } from '../../../shared/kit';
import { currentMenuSnapshot } from '../../../shared/menu/menu-repository';
import { cartLineId } from '../domain/table-code';
import { toCart } from '../domain/table-views';
import { Errors } from '../errors';
import { changeLine, incrementOrCreateLine, listCartLines } from '../repositories/cart-repository';
import { openTable } from './table-access';

/**
 * The shared table cart. Each diner's dish is its own line document; edits are single atomic
 * updates (≤ 3 round trips: the table's key check, the update, and the add of a first line),
 * so 20 diners editing at once lose nothing.
 */
export async function readCart(scene: string, openid: string): Promise<TableCart> {
  const table = await openTable(scene);
  const [lines, menu] = await Promise.all([listCartLines(table._id, table.cartRound), currentMenuSnapshot(table.storeId)]);
  return toCart(table._id, table.cartRound, lines, new Map(menu.dishes.map((d) => [d.dishId, d])), openid);
}

export async function addLine(input: { scene: string; dishId: string; quantity: number; remark: string }, openid: string, at = new Date()): Promise<CartEdit> {
  const table = await openTable(input.scene);
  // Menu item ids are `${storeId}:${itemId}`: a dish of another store is refused without a read;
  // sold-out and meal times are checked when the order is placed (the dish may change meanwhile).
  if (!input.dishId.startsWith(`${table.storeId}:`)) throw new AppError(Errors.DISH_NOT_FOUND, { details: { field: 'dishId' } });
  const lineId = cartLineId(table._id, table.cartRound, openid, input.dishId);
  await incrementOrCreateLine({
    _id: lineId,
    tableId: table._id,
    storeId: table.storeId,
    round: table.cartRound,
    dishId: input.dishId,
    quantity: input.quantity,
    remark: input.remark,
    addedBy: openid,
    createdAt: at,
    updatedAt: at,
  });
  return { lineId, dishId: input.dishId, cartRound: table.cartRound, applied: true };
}

export async function editLine(
  input: { scene: string; lineId: string; delta?: number; quantity?: number; remark?: string },
  at = new Date(),
): Promise<CartEdit> {
  const table = await openTable(input.scene);
  const prefix = `${table._id}:${table.cartRound}:`;
  // A line of an earlier round (already ordered) or another table is not this cart's.
  if (!input.lineId.startsWith(prefix)) return { lineId: input.lineId, dishId: '', cartRound: table.cartRound, applied: false };
  const applied = await changeLine(input.lineId, { delta: input.delta, quantity: input.quantity, remark: input.remark, at });
  return { lineId: input.lineId, dishId: '', cartRound: table.cartRound, applied };
}
