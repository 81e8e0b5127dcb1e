/**
 * Local CloudBase document database: answers the `database.*` actions the real wx-server-sdk
 * (@cloudbase/node-sdk + @cloudbase/database) sends, with CloudBase's reply shapes, error codes
 * and limits. Storage is SQLite (WAL, committed before replying); semantics come from mingo.
 * See PROTOCOL.md beside this file and docs/emulator-limits.md.
 */
import { aggregate, applyUpdate, clone, findDocs, project, replaceDocument, upsertSeed, type FindOptions } from './engine';
import { fromEjson, parseEjson, stringifyEjson } from './ejson';
import { DbError, DbErrors, errorReply } from './errors';
import { generateId, idKey, Store, type Doc, type WriteOp } from './store';
import { TransactionManager, type Transaction } from './transactions';
import {
  DEFAULT_INDEX_CHECK,
  filterFieldsOf,
  IndexCatalog,
  queryIsServed,
  type CatalogEntry,
  type CatalogIndex,
  type CatalogRule,
  type IndexCheckOptions,
  type UnindexedQuery,
} from './index-catalog';
import { assertCollectionName, assertStorableDocument, assertValidId, isPlainObject } from './validate';

export { DbError, DbErrors } from './errors';
export { parseEjson, stringifyEjson } from './ejson';
export { DEFAULT_INDEX_CHECK, type CatalogEntry, type CatalogIndex, type CatalogRule, type IndexCheckOptions, type UnindexedQuery } from './index-catalog';

export interface DatabaseServiceOptions {
  /** SQLite file (its folder must exist); ':memory:' uses a throwaway temp file */
  file: string;
  /** most documents one server-side get() returns; CloudBase caps limit() at 100 in cloud functions */
  maxGetLimit?: number;
  /** documents an aggregate() without a limit stage returns (CloudBase: 20) */
  aggregateDefaultLimit?: number;
  /** abandoned transactions are rolled back this long after they started */
  transactionTimeoutMs?: number;
  /** SQLite synchronous pragma; NORMAL survives a killed process, FULL also a power cut */
  synchronous?: 'NORMAL' | 'FULL';
  /** the check that a query on a large collection is served by a declared index (index-catalog.ts) */
  indexCheck?: Partial<IndexCheckOptions>;
}

type Body = Record<string, unknown>;
type Reply = Record<string, unknown>;

const DEFAULT_MAX_GET_LIMIT = 100;
const DEFAULT_AGGREGATE_LIMIT = 20;
const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

function decodeParam(value: unknown, now: number): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? parseEjson(value, { now }) : fromEjson(value, { now });
}

function decodeObject(value: unknown, now: number, what: string): Record<string, unknown> | undefined {
  const decoded = decodeParam(value, now);
  if (decoded === undefined) return undefined;
  if (!isPlainObject(decoded)) throw DbErrors.invalidParam(`${what} must be an object`);
  return decoded;
}

function decodeOrder(value: unknown, now: number): Record<string, 1 | -1> | undefined {
  const decoded = decodeParam(value, now);
  if (decoded === undefined) return undefined;
  const sort: Record<string, 1 | -1> = {};
  if (Array.isArray(decoded)) {
    // older SDKs: [{ field, direction: 'asc' | 'desc' }]
    for (const item of decoded as { field?: string; direction?: string }[]) {
      if (item && typeof item.field === 'string') sort[item.field] = item.direction === 'desc' ? -1 : 1;
    }
    return sort;
  }
  if (!isPlainObject(decoded)) throw DbErrors.invalidParam('order must be an object');
  for (const [field, direction] of Object.entries(decoded)) sort[field] = direction === -1 || direction === 'desc' ? -1 : 1;
  return sort;
}

/** `{ _id: <value> }` → the value; anything else → undefined (not a single-document query). */
function singleId(query: Record<string, unknown> | undefined): { id: unknown } | undefined {
  if (!query) return undefined;
  const keys = Object.keys(query);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const value = query._id;
  if (isPlainObject(value)) {
    const inner = Object.keys(value);
    if (inner.length === 1 && inner[0] === '$eq') return { id: value.$eq };
    if (inner.length === 1 && inner[0] === '$oid') return { id: value };
    return undefined;
  }
  if (typeof value === 'string' || typeof value === 'number') return { id: value };
  return undefined;
}

export class DatabaseService {
  private readonly store: Store;
  private readonly transactions: TransactionManager;
  private readonly maxGetLimit: number;
  private readonly aggregateDefaultLimit: number;
  private readonly stats: Record<string, number> = {};
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private readonly catalog: IndexCatalog;
  private readonly indexCheck: IndexCheckOptions;
  private readonly unindexed: UnindexedQuery[] = [];
  /** set for the one request being dispatched (dispatch is synchronous) when a function sent it */
  private checkingIndexes = false;

  constructor(options: DatabaseServiceOptions) {
    this.store = new Store({ file: options.file, synchronous: options.synchronous });
    this.catalog = new IndexCatalog(this.store);
    this.indexCheck = { ...DEFAULT_INDEX_CHECK, ...options.indexCheck };
    this.maxGetLimit = options.maxGetLimit ?? DEFAULT_MAX_GET_LIMIT;
    this.aggregateDefaultLimit = options.aggregateDefaultLimit ?? DEFAULT_AGGREGATE_LIMIT;
    this.transactions = new TransactionManager(this.store, options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS);
    this.sweeper = setInterval(() => this.transactions.sweep(), 5_000);
    this.sweeper.unref();
  }

  /** Handles one SDK request body; always resolves with the JSON reply body (success or `{code, message}`). */
  async handle(body: Record<string, unknown>, origin: { fromFunction?: boolean } = {}): Promise<Record<string, unknown>> {
    const action = String(body?.action ?? '');
    this.stats[action] = (this.stats[action] ?? 0) + 1;
    try {
      if (this.closed) throw DbErrors.requestFailed('database is closed');
      this.checkingIndexes = origin.fromFunction === true;
      return this.dispatch(action, body);
    } catch (error) {
      return errorReply(error);
    } finally {
      this.checkingIndexes = false;
    }
  }

  /** Requests handled so far, by action (e.g. `database.getDocument`). */
  getStats(): Record<string, number> {
    return { ...this.stats };
  }

  resetStats(): void {
    for (const key of Object.keys(this.stats)) delete this.stats[key];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.transactions.closeAll();
    this.store.close();
  }

  /** Creates the collection unless it exists (a deploy step in the cloud). */
  ensureCollection(name: string): void {
    assertCollectionName(name);
    this.store.createCollection(name);
  }

  /** Inserts documents directly (seeding, tests); creates the collection if needed. */
  insertRaw(collection: string, docs: Record<string, unknown>[]): void {
    this.ensureCollection(collection);
    const seen = new Set<string>();
    const ops: WriteOp[] = docs.map((raw) => {
      const doc = clone(raw) as Doc;
      if (doc._id === undefined) doc._id = generateId();
      assertStorableDocument(doc);
      const key = idKey(doc._id);
      if (seen.has(key) || this.store.get(collection, doc._id)) throw DbErrors.duplicateKey(collection, doc._id);
      seen.add(key);
      return { type: 'put', collection, id: doc._id, doc };
    });
    if (ops.length) this.store.commit(ops);
  }

  /**
   * Idempotent seeding: creates the collections and inserts, in ONE atomic commit, every document
   * whose `_id` is not stored yet (documents already there are left as they are). Every document
   * needs an `_id`, so a rerun recognises what an earlier run wrote. Returns how many were inserted.
   */
  insertMissing(documents: Record<string, Record<string, unknown>[]>): number {
    const ops: WriteOp[] = [];
    const seen = new Set<string>();
    for (const [collection, docs] of Object.entries(documents)) {
      assertCollectionName(collection);
      for (const raw of docs) {
        if (raw._id === undefined || raw._id === null) throw DbErrors.invalidParam(`seed documents need an _id (collection ${collection})`);
        const doc = clone(raw) as Doc;
        assertStorableDocument(doc);
        const key = `${collection}\u0000${idKey(doc._id)}`;
        if (seen.has(key)) throw DbErrors.duplicateKey(collection, doc._id);
        seen.add(key);
        if (this.store.hasCollection(collection) && this.store.get(collection, doc._id)) continue;
        ops.push({ type: 'put', collection, id: doc._id, doc });
      }
    }
    // collections first (idempotent), then every missing document at once
    for (const collection of Object.keys(documents)) this.ensureCollection(collection);
    if (ops.length) this.store.commit(ops);
    return ops.length;
  }

  /** All documents of a collection (tests, tooling). */
  readAll(collection: string): Record<string, unknown>[] {
    return this.store.hasCollection(collection) ? this.store.scan(collection).map((doc) => clone(doc)) : [];
  }

  listCollections(): string[] {
    return this.store.listCollections();
  }

  // --- the management side (CloudBase console / manager API: http/cloud-api.ts) -----------------

  /** Creates a collection the way the management API does (CreateTable); false when it existed. */
  createManagedCollection(name: string): boolean {
    assertCollectionName(name);
    const created = this.store.createCollection(name);
    this.catalog.ensure(name);
    return created;
  }

  /** The collection's indexes (besides `_id`), rule and size; undefined when it does not exist. */
  describeCollection(name: string): (CatalogEntry & { count: number }) | undefined {
    if (!this.store.hasCollection(name)) return undefined;
    const entry = this.catalog.get(name) ?? { indexes: [] };
    return { ...entry, count: this.store.count(name) };
  }

  /** UpdateTable: drops, then creates indexes (a name that exists is an error, as in CloudBase). */
  updateIndexes(name: string, create: CatalogIndex[], drop: string[]): void {
    if (!this.store.hasCollection(name)) throw DbErrors.collectionNotExist(name);
    const entry = this.catalog.ensure(name);
    let indexes = entry.indexes.filter((index) => !drop.includes(index.name));
    for (const index of create) {
      if (index.name === '_id_' || indexes.some((existing) => existing.name === index.name))
        throw DbErrors.invalidParam(`index ${index.name} already exists on ${name}`);
      if (!index.keys.length) throw DbErrors.invalidParam(`index ${index.name} has no keys`);
      indexes = [...indexes, index];
    }
    this.catalog.save(name, { ...entry, indexes });
  }

  /** Records the context's `grows` declaration (the seed; the management API has no such field). */
  markGrowing(name: string, grows: boolean): void {
    if (!this.store.hasCollection(name)) throw DbErrors.collectionNotExist(name);
    this.catalog.save(name, { ...this.catalog.ensure(name), grows });
  }

  setRule(name: string, rule: CatalogRule): void {
    if (!this.store.hasCollection(name)) throw DbErrors.collectionNotExist(name);
    this.catalog.save(name, { ...this.catalog.ensure(name), rule });
  }

  /** Queries a large collection could not serve from a declared index, oldest first (report mode keeps them here). */
  unindexedQueries(): UnindexedQuery[] {
    return [...this.unindexed];
  }

  /**
   * The index check: only collections the management API knows (created by it or by the seed that
   * stands in for the bootstrap) are checked, once they hold `minDocuments` documents.
   */
  private checkQuery(collection: string, query: Record<string, unknown> | undefined, sort: Record<string, 1 | -1> | undefined): void {
    if (this.indexCheck.mode === 'off' || !this.checkingIndexes) return;
    const entry = this.catalog.get(collection);
    if (!entry) return;
    const documents = this.store.count(collection);
    if (documents < (entry.grows ? Math.min(this.indexCheck.growingMinDocuments, this.indexCheck.minDocuments) : this.indexCheck.minDocuments)) return;
    if (queryIsServed(query, sort, entry.indexes)) return;
    const filterFields = filterFieldsOf(query);
    const sortFields = Object.keys(sort ?? {});
    const message =
      `[INDEX_MISSING] 集合 ${collection}（${documents} 条）的查询没有可用的索引：` +
      `条件字段 ${filterFields.length ? filterFields.join(', ') : '（无）'}，排序 ${sortFields.length ? sortFields.join(', ') : '（无）'}。` +
      `在该集合所属上下文的 database.ts 里声明以其中一个字段开头的索引`;
    this.unindexed.push({ collection, filterFields, sort: sortFields, documents, message });
    if (this.indexCheck.mode === 'fail') throw new DbError('DATABASE_REQUEST_FAILED', message);
    console.warn(`[emulator] ${message}`);
  }

  /** Runs after every committed write with the collections written (live queries, db.watch). */
  onChange(listener: (collections: string[]) => void): () => void {
    return this.store.onCommit(listener);
  }

  /** One committed document, or null (security rules' `get()`). */
  readOne(collection: string, id: unknown): Record<string, unknown> | null {
    const stored = this.store.hasCollection(collection) ? this.store.get(collection, id) : undefined;
    return stored ? (clone(stored.doc) as Record<string, unknown>) : null;
  }

  /**
   * A live query's result: the documents of `collection` matching `query` (mingo semantics, as
   * getDocument), sorted and limited, and how many match in all (the listener's record count).
   */
  queryLive(collection: string, query: Record<string, unknown>, options: FindOptions = {}): { docs: Record<string, unknown>[]; matched: number } {
    if (!this.store.hasCollection(collection)) return { docs: [], matched: 0 };
    const all = findDocs(this.store.scan(collection), query);
    const docs = findDocs(all, undefined, { sort: options.sort, limit: options.limit });
    return { docs: docs.map((doc) => clone(doc) as Record<string, unknown>), matched: all.length };
  }

  get openTransactions(): number {
    return this.transactions.size;
  }

  // ---------------------------------------------------------------------------------------------

  private dispatch(action: string, body: Body): Reply {
    const now = Date.now();
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(body, now);
      case 'database.calculateDocument':
        return this.calculateDocument(body, now);
      case 'database.insertDocument':
        return this.insertDocument(body, now);
      case 'database.modifyDocument':
        return this.modifyDocument(body, now);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturnDoc(body, now);
      case 'database.removeDocument':
        return this.removeDocument(body, now);
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(body, now);
      case 'database.addCollection':
        return this.addCollection(body);
      case 'database.startTransaction':
        return { transactionId: this.transactions.start().id };
      case 'database.commitTransaction':
        this.transactions.commit(this.transactionIdOf(body, true) as string);
        return {};
      case 'database.abortTransaction':
        this.transactions.abort(this.transactionIdOf(body, true) as string);
        return {};
      case 'database.getInTransaction':
        return this.legacyGet(body);
      case 'database.updateDocInTransaction':
        return this.legacyUpdate(body, now);
      case 'database.deleteDocInTransaction':
        return this.legacyDelete(body);
      default:
        return { code: 'EMULATOR_UNSUPPORTED_ACTION', message: `the local emulator does not implement ${action || '(no action)'}` };
    }
  }

  private collectionOf(body: Body): string {
    const name = body.collectionName;
    assertCollectionName(name);
    if (!this.store.hasCollection(name)) throw DbErrors.collectionNotExist(name);
    return name;
  }

  private transactionIdOf(body: Body, required = false): string | undefined {
    const id = body.transactionId;
    if (typeof id === 'string' && id) return id;
    if (required) throw DbErrors.invalidParam('transactionId is required');
    return undefined;
  }

  private transactionOf(body: Body): Transaction | undefined {
    const id = this.transactionIdOf(body);
    return id ? this.transactions.get(id) : undefined;
  }

  /** In a transaction only `{ _id }` queries (doc()) are allowed. */
  private transactionDocId(body: Body, query: Record<string, unknown> | undefined, what: string): unknown {
    const single = body.queryType === 'DOC' || body.queryType === undefined ? singleId(query) : undefined;
    if (!single) throw DbErrors.transactionSingleDocOnly(what);
    return single.id;
  }

  private getLimit(body: Body): number {
    const requested = Number(body.limit);
    if (!Number.isFinite(requested) || requested <= 0) return this.maxGetLimit;
    return Math.min(Math.floor(requested), this.maxGetLimit);
  }

  private getDocument(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const query = decodeObject(body.query, now, 'query');
    const projection = decodeObject(body.projection, now, 'projection');
    const transaction = this.transactionOf(body);
    if (transaction) {
      const id = this.transactionDocId(body, query, 'where().get()');
      const doc = transaction.read(collection, id);
      return { data: { list: doc ? [stringifyEjson(project(doc, projection))] : [] } };
    }
    const single = body.queryType === 'DOC' ? singleId(query) : undefined;
    if (single) {
      const stored = this.store.get(collection, single.id);
      return { data: { list: stored ? [stringifyEjson(project(stored.doc, projection))] : [], limit: 1, offset: 0 } };
    }
    const limit = this.getLimit(body);
    const offset = Math.max(0, Math.floor(Number(body.offset ?? 0)) || 0);
    const options: FindOptions = { sort: decodeOrder(body.order, now), skip: offset, limit, projection };
    this.checkQuery(collection, query, options.sort);
    const docs = findDocs(this.store.scan(collection), query, options);
    return { data: { list: docs.map((doc) => stringifyEjson(doc)), limit, offset } };
  }

  private calculateDocument(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    if (this.transactionIdOf(body)) throw DbErrors.transactionSingleDocOnly('count()');
    const query = decodeObject(body.query, now, 'query');
    const single = singleId(query);
    if (!single) this.checkQuery(collection, query, undefined);
    const total = single ? (this.store.get(collection, single.id) ? 1 : 0) : findDocs(this.store.scan(collection), query).length;
    return { data: { total } };
  }

  private decodeNewDocuments(body: Body, now: number): Doc[] {
    const raw = Array.isArray(body.data) ? body.data : [body.data];
    if (!raw.length) throw DbErrors.invalidParam('data must not be empty');
    return raw.map((item) => {
      const doc = decodeParam(item, now);
      if (!isPlainObject(doc)) throw DbErrors.invalidParam('each document must be an object');
      if (doc._id === undefined || doc._id === null) doc._id = generateId();
      assertStorableDocument(doc);
      return doc;
    });
  }

  private insertDocument(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const docs = this.decodeNewDocuments(body, now);
    const transaction = this.transactionOf(body);
    if (transaction) {
      for (const doc of docs) {
        if (transaction.read(collection, doc._id)) throw DbErrors.duplicateKey(collection, doc._id);
        transaction.write(collection, doc._id, doc);
      }
      return { data: { insertedIds: docs.map((doc) => doc._id) } };
    }
    const seen = new Set<string>();
    for (const doc of docs) {
      const key = idKey(doc._id);
      if (seen.has(key) || this.store.get(collection, doc._id)) throw DbErrors.duplicateKey(collection, doc._id);
      seen.add(key);
    }
    this.store.commit(docs.map((doc) => ({ type: 'put', collection, id: doc._id, doc })));
    return { data: { insertedIds: docs.map((doc) => doc._id) } };
  }

  /** The new state of one matched document under modifyDocument's merge/replace rules. */
  private modified(doc: Doc, data: Record<string, unknown>, merge: boolean, query: Record<string, unknown> | undefined): { doc: Doc; changed: boolean } {
    if (merge) return applyUpdate(doc, data, query);
    const next = replaceDocument(doc._id, data);
    return { doc: next, changed: stringifyEjson(next) !== stringifyEjson(doc) };
  }

  private upserted(data: Record<string, unknown>, merge: boolean, query: Record<string, unknown> | undefined): Doc {
    const single = singleId(query);
    const id = single ? single.id : generateId();
    assertValidId(id);
    if (!merge) return replaceDocument(id, data);
    const seed = { ...upsertSeed(query), _id: id };
    return applyUpdate(seed, data, query).doc;
  }

  private modifyDocument(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const query = decodeObject(body.query, now, 'query');
    const data = decodeObject(body.data, now, 'data');
    if (!data) throw DbErrors.invalidParam('data is required');
    const merge = body.merge !== false;
    const upsert = body.upsert === true;
    const transaction = this.transactionOf(body);
    if (transaction) {
      const id = this.transactionDocId(body, query, 'where().update()');
      const current = transaction.read(collection, id);
      if (!current) {
        if (!upsert) return { data: { updated: 0 } };
        const doc = this.upserted(data, merge, { _id: id });
        assertStorableDocument(doc);
        transaction.write(collection, id, doc);
        return { data: { updated: 0, upsert_id: id } };
      }
      const next = this.modified(current, data, merge, query);
      assertStorableDocument(next.doc);
      if (next.changed) transaction.write(collection, id, next.doc);
      return { data: { updated: next.changed ? 1 : 0 } };
    }

    const multi = body.multi === true;
    const single = body.queryType === 'DOC' ? singleId(query) : undefined;
    let targets: Doc[];
    if (single) {
      const stored = this.store.get(collection, single.id);
      targets = stored ? [stored.doc] : [];
    } else {
      this.checkQuery(collection, query, undefined);
      targets = findDocs(this.store.scan(collection), query, multi ? {} : { limit: 1 });
    }
    const ops: WriteOp[] = [];
    try {
      for (const doc of targets) {
        const next = this.modified(doc, data, merge, query);
        if (!next.changed) continue;
        assertStorableDocument(next.doc);
        ops.push({ type: 'put', collection, id: doc._id, doc: next.doc });
      }
    } catch (error) {
      // Like MongoDB's updateMany (not atomic): the request fails at the first document the update
      // cannot apply to, and the documents before it (in natural order) stay updated.
      if (ops.length) this.store.commit(ops);
      throw error;
    }
    let upsertId: unknown;
    if (!targets.length && upsert) {
      const doc = this.upserted(data, merge, query);
      assertStorableDocument(doc);
      if (this.store.get(collection, doc._id)) throw DbErrors.duplicateKey(collection, doc._id);
      ops.push({ type: 'put', collection, id: doc._id, doc });
      upsertId = doc._id;
    }
    if (ops.length) this.store.commit(ops);
    const updated = upsertId === undefined ? ops.length : 0;
    return { data: upsertId === undefined ? { updated, matched: targets.length } : { updated, matched: 0, upsert_id: upsertId } };
  }

  private modifyAndReturnDoc(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const query = decodeObject(body.query, now, 'query');
    const data = decodeObject(body.data, now, 'data');
    if (!data) throw DbErrors.invalidParam('data is required');
    const transaction = this.transactionOf(body);
    if (transaction) {
      const single = singleId(query);
      if (!single) throw DbErrors.transactionSingleDocOnly('where().updateAndReturn()');
      const current = transaction.read(collection, single.id);
      if (!current) return { data: { updated: 0, doc: null } };
      const next = applyUpdate(current, data, query);
      assertStorableDocument(next.doc);
      if (next.changed) transaction.write(collection, single.id, next.doc);
      return { data: { updated: next.changed ? 1 : 0, doc: stringifyEjson(next.doc) } };
    }
    this.checkQuery(collection, query, undefined);
    const [target] = findDocs(this.store.scan(collection), query, { limit: 1 });
    if (!target) return { data: { updated: 0, doc: null } };
    const next = applyUpdate(target, data, query);
    assertStorableDocument(next.doc);
    if (next.changed) this.store.commit([{ type: 'put', collection, id: target._id, doc: next.doc }]);
    return { data: { updated: next.changed ? 1 : 0, doc: stringifyEjson(next.doc) } };
  }

  private removeDocument(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const query = decodeObject(body.query, now, 'query');
    const transaction = this.transactionOf(body);
    if (transaction) {
      const id = this.transactionDocId(body, query, 'where().remove()');
      if (!transaction.read(collection, id)) return { data: { deleted: 0 } };
      transaction.write(collection, id, null);
      return { data: { deleted: 1 } };
    }
    const single = body.queryType === 'DOC' ? singleId(query) : undefined;
    let targets: Doc[];
    if (single) {
      const stored = this.store.get(collection, single.id);
      targets = stored ? [stored.doc] : [];
    } else {
      this.checkQuery(collection, query, undefined);
      targets = findDocs(this.store.scan(collection), query, body.multi === false ? { limit: 1 } : {});
    }
    if (targets.length) this.store.commit(targets.map((doc) => ({ type: 'delete', collection, id: doc._id })));
    return { data: { deleted: targets.length } };
  }

  private aggregateDocuments(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    if (this.transactionIdOf(body)) throw DbErrors.transactionSingleDocOnly('aggregate()');
    if (!Array.isArray(body.stages)) throw DbErrors.invalidParam('stages must be an array');
    const pipeline = (body.stages as { stageKey?: unknown; stageValue?: unknown }[]).map((stage) => {
      if (!stage || typeof stage.stageKey !== 'string') throw DbErrors.invalidParam('invalid aggregate stage');
      const value = typeof stage.stageValue === 'string' ? parseEjson(stage.stageValue, { now }) : fromEjson(stage.stageValue, { now });
      return { [stage.stageKey]: value };
    });
    for (const stage of pipeline) {
      const key = Object.keys(stage)[0];
      if (key === '$out' || key === '$merge') throw DbErrors.unsupported(`aggregate stage ${key}`);
    }
    // A pipeline seeks with an index only through a leading $match (and a $sort right after it).
    const [first, second] = pipeline;
    const leadingMatch = first && '$match' in first && isPlainObject(first.$match) ? (first.$match as Record<string, unknown>) : undefined;
    const leadingSort = (leadingMatch ? second : first) as Record<string, unknown> | undefined;
    const sort = leadingSort && '$sort' in leadingSort && isPlainObject(leadingSort.$sort) ? (leadingSort.$sort as Record<string, 1 | -1>) : undefined;
    if (leadingMatch || sort) this.checkQuery(collection, leadingMatch, sort);
    // CloudBase returns at most 20 results from a pipeline that has no limit stage.
    if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: this.aggregateDefaultLimit });
    const list = aggregate(this.store.scan(collection), pipeline, (name) =>
      this.store.hasCollection(name) ? this.store.scan(name).map((doc) => clone(doc)) : [],
    );
    return { data: { list: list.map((doc) => stringifyEjson(doc)) } };
  }

  private addCollection(body: Body): Reply {
    const name = body.collectionName;
    assertCollectionName(name);
    if (!this.store.createCollection(name)) throw DbErrors.collectionExists(name);
    return {};
  }

  // Legacy transaction protocol (@cloudbase/database src/transaction.ts; not used by wx-server-sdk 4).

  private legacyGet(body: Body): Reply {
    const collection = this.collectionOf(body);
    const transaction = this.transactions.get(this.transactionIdOf(body, true) as string);
    assertValidId(body._id);
    return { data: stringifyEjson(transaction.read(collection, body._id)) };
  }

  private legacyUpdate(body: Body, now: number): Reply {
    const collection = this.collectionOf(body);
    const transaction = this.transactions.get(this.transactionIdOf(body, true) as string);
    assertValidId(body._id);
    const id = body._id;
    const data = decodeObject(body.data, now, 'data');
    if (!data) throw DbErrors.invalidParam('data is required');
    const merge = Object.keys(data).some((key) => key.startsWith('$'));
    const current = transaction.read(collection, id);
    if (!current) {
      if (body.upsert !== true) return { updated: '0' };
      const doc = merge ? applyUpdate({ _id: id }, data).doc : replaceDocument(id, data);
      assertStorableDocument(doc);
      transaction.write(collection, id, doc);
      return { updated: '0', upserted: JSON.stringify([{ _id: id }]) };
    }
    const next = this.modified(current, data, merge, { _id: id });
    assertStorableDocument(next.doc);
    if (next.changed) transaction.write(collection, id, next.doc);
    return { updated: next.changed ? '1' : '0' };
  }

  private legacyDelete(body: Body): Reply {
    const collection = this.collectionOf(body);
    const transaction = this.transactions.get(this.transactionIdOf(body, true) as string);
    assertValidId(body._id);
    if (!transaction.read(collection, body._id)) return { deleted: '0' };
    transaction.write(collection, body._id, null);
    return { deleted: '1' };
  }
}

export function isDbError(error: unknown): error is DbError {
  return error instanceof DbError;
}
