import { getCloud } from '../kit/cloud';
import type { Database } from './database-types';

export type * from './database-types';
let db: Database | undefined;

/** The only entry to cloud.database(); repositories call this, nothing else does. */
export function getDatabase(): Database {
  db ??= getCloud().database() as unknown as Database;
  return db;
}

/** CloudBase returns at most 100 records per server-side get. */
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export function isNotFound(error: unknown): boolean {
  const message = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '');
  // Only a missing document: a missing collection ("Db or Table not exist") is a deployment error
  // that must surface, not read as "no such record".
  return /document with _id .* does not exist|DOCUMENT_NOT_EXIST|cannot find document/i.test(message);
}
