import type { CollectionName } from './collections';

/**
 * How a context declares, in code beside it, what the database must hold for it: its
 * collections' indexes and their client-side security rules. The bootstrap creates them in a
 * real environment and the emulator enforces the same declarations (the go-live issue), so the
 * two cannot drift.
 *
 * Each context exports one `DatabaseSpec` from `cloudfunctions/<context>/database.ts`
 * (shared kernels from `cloudfunctions/shared/<kernel>/database.ts`).
 */
export interface IndexSpec {
  /** CloudBase index name, unique within the collection */
  name: string;
  /** field path → 1 ascending / -1 descending, in index order */
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

/**
 * A CloudBase database security rule ("安全规则", JSON form): each operation is `true`, `false`
 * or an expression over `doc` and `auth` (e.g. `"doc._openid == auth.openid"`,
 * `"get('database.staff.' + auth.openid).storeIds[0] == doc.storeId"`). Functions are not bound
 * by these rules; they only govern reads and writes made directly from the mini-program
 * (`db.collection().watch()` of the live views).
 */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

export interface CollectionSpec {
  name: CollectionName;
  indexes: IndexSpec[];
  /** absent = the default for server-only collections: `{ read: false, write: false }` */
  rule?: SecurityRule;
  /** a collection that grows without bound (orders, logs): every query on it must be served by an index */
  grows?: boolean;
}

export interface DatabaseSpec {
  /** the context or kernel that owns these collections (COLLECTION_OWNERS) */
  owner: string;
  collections: CollectionSpec[];
}

/** Server-only: the mini-program can neither read nor write; functions use the admin SDK. */
export const SERVER_ONLY: SecurityRule = { read: false, write: false };
