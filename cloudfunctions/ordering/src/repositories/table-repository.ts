import { Collections } from '../../../shared/collections';
import { findById, getDatabase, MAX_PAGE_SIZE, txFindById, type Transaction } from '../../../shared/repositories/database';
import type { TableDoc } from '../domain/table-views';

/** `tables`: the store's tables, their keys and the cart round. Only this file touches the collection. */
const tables = () => getDatabase().collection<TableDoc>(Collections.tables);

export function findTable(tableId: string): Promise<TableDoc | null> {
  return findById<TableDoc>(Collections.tables, tableId);
}

export function txFindTable(tx: Transaction, tableId: string): Promise<TableDoc | null> {
  return txFindById<TableDoc>(tx, Collections.tables, tableId);
}

export async function listTablesOf(storeId: string): Promise<TableDoc[]> {
  const { data } = await tables().where({ storeId }).orderBy('name', 'asc').limit(MAX_PAGE_SIZE).get();
  return data;
}

export async function insertTable(table: TableDoc): Promise<void> {
  await tables().add({ data: table });
}

export async function updateTable(tableId: string, fields: Partial<TableDoc>): Promise<void> {
  const { _id: _ignored, ...rest } = fields;
  await tables().doc(tableId).update({ data: rest });
}

export async function removeTable(tableId: string): Promise<void> {
  await tables().doc(tableId).remove();
}

/** Placing consumed the round: the next adds go to a new one (in the order's transaction). */
export async function txAdvanceCartRound(tx: Transaction, table: TableDoc, at: Date): Promise<number> {
  const next = table.cartRound + 1;
  await tx
    .collection(Collections.tables)
    .doc(table._id)
    .update({ data: { cartRound: next, updatedAt: at } });
  return next;
}
