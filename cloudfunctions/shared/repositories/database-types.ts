/**
 * Precise types for the part of wx-server-sdk's database API we use. The SDK's own typings
 * declare every call as `Promise<T> | void | string` (callback overloads) and transactions as
 * `any`; these describe what the promise-style calls actually resolve to.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DocumentData = Record<string, any>;

export interface QueryResult<T> {
  data: T[];
  errMsg: string;
}
export interface DocumentResult<T> {
  data: T;
  errMsg: string;
}
export interface AddResult {
  _id: string;
  errMsg: string;
}
export interface AddManyResult {
  _ids: string[];
  errMsg: string;
}
export interface UpdateResult {
  stats: { updated: number };
  errMsg: string;
}
export interface SetResult {
  _id: string;
  stats: { updated: number; created: number };
  errMsg: string;
}
export interface RemoveResult {
  stats: { removed: number };
  errMsg: string;
}
export interface CountResult {
  total: number;
  errMsg: string;
}

export interface DocumentReference<T = DocumentData> {
  get(): Promise<DocumentResult<T>>;
  set(options: { data: Partial<T> | DocumentData }): Promise<SetResult>;
  update(options: { data: Partial<T> | DocumentData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Query<T = DocumentData> {
  where(condition: DocumentData): Query<T>;
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>;
  skip(offset: number): Query<T>;
  limit(max: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<QueryResult<T>>;
  count(): Promise<CountResult>;
  update(options: { data: DocumentData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Aggregate {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [stage: string]: (...args: any[]) => Aggregate | Promise<{ list: DocumentData[]; errMsg: string }>;
  end(): Promise<{ list: DocumentData[]; errMsg: string }>;
}

export interface CollectionReference<T = DocumentData> extends Query<T> {
  doc(id: string): DocumentReference<T>;
  add(options: { data: T | DocumentData }): Promise<AddResult>;
  aggregate(): Aggregate;
}

/** What `db.runTransaction(fn)` hands `fn`: single-document operations only. */
export interface Transaction {
  collection<T = DocumentData>(
    name: string,
  ): {
    doc(id: string): DocumentReference<T>;
    add(options: { data: T | DocumentData }): Promise<AddResult>;
  };
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  collection<T = DocumentData>(name: string): CollectionReference<T>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  command: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  serverDate(options?: { offset?: number }): any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  RegExp(options: { regexp: string; options?: string }): any;
  runTransaction<R>(run: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
  startTransaction(): Promise<Transaction>;
  createCollection(name: string): Promise<unknown>;
}
