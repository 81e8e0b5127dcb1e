import type { TableCodeImage, TableSession, TableView } from '../../../../typings/api/ordering';
import { TABLE_CODE_PAGE } from '../../../../typings/api/ordering';
import { AppError, CommonErrors, getCloud } from '../../../shared/kit';
import { listActiveOrdersOfTable } from '../../../shared/orders';
import { findStoreNames } from '../../../shared/repositories/store-names';
import { newTableId, newTableKey, sceneOf } from '../domain/table-code';
import { toTableView, type TableDoc } from '../domain/table-views';
import { Errors } from '../errors';
import { findTable, insertTable, listTablesOf, removeTable, updateTable } from '../repositories/table-repository';
import { grantTableLive } from './live-access';
import { openTable } from './table-access';

/** Tables and their codes (staff), and the diner's scan of a code. */

async function storeTable(storeId: string, tableId: string): Promise<TableDoc> {
  const table = await findTable(tableId);
  if (!table || table.storeId !== storeId) throw new AppError(Errors.TABLE_NOT_FOUND, { details: { field: 'tableId' } });
  return table;
}

export async function listTables(storeId: string): Promise<TableView<Date>[]> {
  return (await listTablesOf(storeId)).map(toTableView);
}

export async function createTable(input: { storeId: string; name: string; area: string; seats: number }, at = new Date()): Promise<TableView<Date>> {
  const table: TableDoc = {
    _id: newTableId(),
    storeId: input.storeId,
    name: input.name,
    area: input.area,
    seats: input.seats,
    status: 'active',
    key: newTableKey(),
    cartRound: 0,
    keyRotatedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  await insertTable(table);
  return toTableView(table);
}

export async function editTable(
  input: { storeId: string; tableId: string; name?: string; area?: string; seats?: number; status?: 'active' | 'disabled' },
  at = new Date(),
): Promise<TableView<Date>> {
  const table = await storeTable(input.storeId, input.tableId);
  const fields: Partial<TableDoc> = { updatedAt: at };
  if (input.name !== undefined) fields.name = input.name;
  if (input.area !== undefined) fields.area = input.area;
  if (input.seats !== undefined) fields.seats = input.seats;
  if (input.status !== undefined) fields.status = input.status;
  await updateTable(table._id, fields);
  return toTableView({ ...table, ...fields });
}

export async function deleteTable(input: { storeId: string; tableId: string }): Promise<{ deleted: true; tableId: string }> {
  const table = await storeTable(input.storeId, input.tableId);
  if ((await listActiveOrdersOfTable(table._id)).length > 0) throw new AppError(Errors.TABLE_IN_USE, { details: { field: 'tableId' } });
  await removeTable(table._id);
  return { deleted: true, tableId: table._id };
}

/** A new key: every code printed with the old one is refused from now on. */
export async function rotateKey(input: { storeId: string; tableId: string }, at = new Date()): Promise<TableView<Date>> {
  const table = await storeTable(input.storeId, input.tableId);
  const fields = { key: newTableKey(), keyRotatedAt: at, updatedAt: at };
  await updateTable(table._id, fields);
  return toTableView({ ...table, ...fields });
}

/** The table's mini-program code through wxacode.getUnlimited (the emulator answers a real PNG). */
export async function tableCode(input: { storeId: string; tableId: string; width: number }): Promise<TableCodeImage> {
  const table = await storeTable(input.storeId, input.tableId);
  const scene = sceneOf(table._id, table.key);
  let buffer: Buffer | undefined;
  try {
    const reply = (await getCloud().openapi.wxacode.getUnlimited({ scene, page: TABLE_CODE_PAGE, checkPath: false, width: input.width })) as {
      buffer?: Buffer | Uint8Array;
    };
    buffer = reply.buffer ? Buffer.from(reply.buffer) : undefined;
  } catch {
    buffer = undefined;
  }
  if (!buffer || buffer.length === 0) throw new AppError(CommonErrors.UPSTREAM_FAILED, { message: '小程序码生成失败' });
  return { tableId: table._id, scene, page: TABLE_CODE_PAGE, fileID: '', pngBase64: buffer.toString('base64') };
}

/** 扫桌码: the table behind a valid code; the diner may watch its cart and orders live from now on. */
export async function resolveTable(scene: string, openid: string | null): Promise<TableSession> {
  const table = await openTable(scene);
  const [names, orders] = await Promise.all([findStoreNames([table.storeId]), listActiveOrdersOfTable(table._id)]);
  if (openid) await grantTableLive(openid, table._id);
  return {
    tableId: table._id,
    tableName: table.name,
    area: table.area,
    seats: table.seats,
    storeId: table.storeId,
    storeName: names.get(table.storeId) ?? '',
    cartRound: table.cartRound,
    activeOrderIds: orders.map((o) => o._id),
  };
}
