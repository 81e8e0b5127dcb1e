import { getCloud } from '../kit/cloud';
import type { Page } from '../../../typings/api/common';
import type { Database, Transaction } from './database-types';

export type * from './database-types';
let db: Database | undefined;

/** The only entry to cloud.database(); repositories call this, nothing else does. */
export function getDatabase(): Database {
  db ??= getCloud().database() as unknown as Database;
  return db;
}

export { MAX_PAGE_SIZE, type Page } from '../../../typings/api/common';

/** Builds the page reply of a list action from one read's items and the total count. */
export function toPage<T>(items: T[], total: number, input: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: input.page, pageSize: input.pageSize, hasMore: (input.page - 1) * input.pageSize + items.length < total };
}

/**
 * A missing document. wx-server-sdk rejects `doc(id).get()` in a transaction with the plain string
 * `document with _id <id> does not exist` (no code to test), so the text is matched across the whole
 * message: an id may hold any character its schema allows, newlines included.
 */
export function isNotFound(error: unknown): boolean {
  const message = typeof error === 'string' ? error : String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '');
  // Only a missing document: a missing collection ("Db or Table not exist") is a deployment error
  // that must surface, not read as "no such record".
  return /document with _id [\s\S]* does not exist|DOCUMENT_NOT_EXIST|cannot find document/i.test(message);
}

/**
 * A write-write conflict that outlived runTransaction's own retries: wx-server-sdk rethrows the
 * server's error with `code: 'DATABASE_TRANSACTION_CONFLICT'` (errCode -502008 on some paths).
 */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = `${typeof e.message === 'string' ? e.message : ''} ${typeof e.errMsg === 'string' ? e.errMsg : ''}`;
  return /TransactionConflict|Transaction is conflict|DATABASE_TRANSACTION_CONFLICT/.test(text);
}

/** One document by id; a missing document is `null`, not an error (a missing collection still throws). */
export async function findById<T>(collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await getDatabase().collection<T>(collection).doc(id).get();
    return (data as T | undefined) ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The same read inside a transaction (snapshot isolation: what the transaction sees). */
export async function txFindById<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const { data } = await tx.collection<T>(collection).doc(id).get();
    return (data as T | undefined) ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
