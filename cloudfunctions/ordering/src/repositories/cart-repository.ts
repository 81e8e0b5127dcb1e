import { Collections } from '../../../shared/collections';
import { isDuplicateKeyError } from '../../../shared/integration/duplicate-key';
import { getDatabase, MAX_PAGE_SIZE } from '../../../shared/repositories/database';
import type { CartLineDoc } from '../domain/table-order';

/**
 * `table_cart_lines`: the shared cart, one document per diner and dish and round. Every change is
 * one atomic update of one line (`_.inc`, or a set of one field): no read-modify-write of the
 * whole cart, so diners editing at once never lose or duplicate a line.
 */
const lines = () => getDatabase().collection<CartLineDoc>(Collections.tableCartLines);

/** The round's lines (a cart holds at most 100 lines: one read). */
export async function listCartLines(tableId: string, round: number): Promise<CartLineDoc[]> {
  const { data } = await lines().where({ tableId, round }).limit(MAX_PAGE_SIZE).get();
  return data;
}

/**
 * Adds `quantity` to the caller's line of a dish: one atomic increment, or — the first time —
 * an add; two first adds racing meet on the same id and the loser increments instead.
 * ≤ 2 round trips, 3 when the race is lost.
 */
export async function incrementOrCreateLine(line: CartLineDoc): Promise<void> {
  const _ = getDatabase().command;
  const bump = () =>
    lines()
      .where({ _id: line._id })
      .update({ data: { quantity: _.inc(line.quantity), updatedAt: line.updatedAt } });
  const { stats } = await bump();
  if (stats.updated > 0) return;
  try {
    await lines().add({ data: line });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await bump();
  }
}

/** Changes one line atomically; `delta` never takes it below 0. Returns whether the line exists. */
export async function changeLine(lineId: string, change: { delta?: number; quantity?: number; remark?: string; at: Date }): Promise<boolean> {
  const _ = getDatabase().command;
  const data: Record<string, unknown> = { updatedAt: change.at };
  if (change.quantity !== undefined) data.quantity = change.quantity;
  else if (change.delta !== undefined) data.quantity = _.inc(change.delta);
  if (change.remark !== undefined) data.remark = change.remark;
  // A decrement applies only while it leaves the line at 0 or more (the condition is part of the atomic update).
  const condition: Record<string, unknown> = { _id: lineId };
  if (change.quantity === undefined && change.delta !== undefined && change.delta < 0) condition.quantity = _.gte(-change.delta);
  const { stats } = await lines().where(condition).update({ data });
  if (stats.updated > 0) return true;
  if (change.quantity === undefined && change.delta !== undefined && change.delta < 0) {
    // Fewer left than the decrement: it goes to 0 (removed from view).
    const { stats: floor } = await lines()
      .where({ _id: lineId })
      .update({ data: { quantity: 0, updatedAt: change.at } });
    return floor.updated > 0;
  }
  return false;
}

/** Lines of rounds before `round` (already ordered): cleared after placing, best effort. */
export async function clearOldRounds(tableId: string, round: number): Promise<void> {
  const _ = getDatabase().command;
  await lines()
    .where({ tableId, round: _.lt(round) })
    .remove();
}
