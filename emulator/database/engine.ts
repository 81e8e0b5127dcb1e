/**
 * Query, update and aggregation semantics, all delegated to mingo (MongoDB's query language
 * in memory). Functions here are pure: they never mutate the documents they are given.
 */
import { Aggregator, ProcessingMode, Query, update as mingoUpdate } from 'mingo';
import { DbErrors } from './errors';
import { deepClone, isRegExp, stringifyEjson } from './ejson';
import type { Doc } from './store';
import { isPlainObject } from './validate';

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}

// mingo's own AnyObject lives under an `exports` subpath that node10 resolution cannot see.
type AnyObject = Record<string, unknown>;

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$min',
  '$max',
  '$bit',
  '$currentDate',
]);

export function clone<T>(value: T): T {
  return deepClone(value);
}

export function sameDocument(a: unknown, b: unknown): boolean {
  return stringifyEjson(a) === stringifyEjson(b);
}

export function compileQuery(query: Record<string, unknown> | undefined): Query {
  return new Query((query ?? {}) as AnyObject);
}

export function findDocs(docs: Doc[], query: Record<string, unknown> | undefined, options: FindOptions = {}): Doc[] {
  const projection = options.projection && Object.keys(options.projection).length ? (options.projection as AnyObject) : undefined;
  let cursor = compileQuery(query).find<Doc>(docs as AnyObject[], projection);
  if (options.sort && Object.keys(options.sort).length) cursor = cursor.sort(options.sort);
  if (options.skip) cursor = cursor.skip(options.skip);
  if (options.limit !== undefined) cursor = cursor.limit(options.limit);
  return cursor.all();
}

export function project(doc: Doc, projection: Record<string, unknown> | undefined): Doc {
  if (!projection || !Object.keys(projection).length) return doc;
  return findDocs([doc], undefined, { projection })[0] ?? doc;
}

export function assertUpdateOperators(modifier: Record<string, unknown>): void {
  const keys = Object.keys(modifier);
  if (!keys.length) throw DbErrors.invalidParam('update data must not be empty');
  for (const key of keys) {
    if (!key.startsWith('$')) throw DbErrors.invalidParam(`update data must only contain update operators, got field '${key}'`);
    if (!UPDATE_OPERATORS.has(key)) throw DbErrors.requestFailed(`Unknown modifier: ${key}`);
    if (!isPlainObject(modifier[key])) throw DbErrors.requestFailed(`Modifiers operate on fields but we found type ${typeof modifier[key]} instead for ${key}`);
  }
}

/**
 * Applies update operators to a copy of `doc`. `query` resolves the positional `$` operator.
 * Returns the new document and whether anything changed (CloudBase's `updated` counts changes).
 */
export function applyUpdate(doc: Doc, modifier: Record<string, unknown>, query?: Record<string, unknown>): { doc: Doc; changed: boolean } {
  assertUpdateOperators(modifier);
  const next = clone(doc);
  const changedPaths = mingoUpdate(next as AnyObject, normalizeModifier(modifier) as never, undefined, (query ?? undefined) as never, { cloneMode: 'deep' });
  if (!sameDocument(next._id, doc._id)) throw DbErrors.requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  return { doc: next, changed: changedPaths.length > 0 && !sameDocument(next, doc) };
}

/**
 * `_.addToSet({ each: [...] })` reaches the server as `{ $addToSet: { field: { each: [...] } } }`
 * (the SDK does not rewrite it, unlike push); CloudBase reads it as `$each`.
 */
function normalizeModifier(modifier: Record<string, unknown>): Record<string, unknown> {
  const addToSet = modifier.$addToSet;
  if (!isPlainObject(addToSet)) return modifier;
  const rewritten: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(addToSet)) {
    rewritten[field] = isPlainObject(value) && Object.keys(value).length === 1 && Array.isArray(value.each) ? { $each: value.each } : value;
  }
  return { ...modifier, $addToSet: rewritten };
}

/** doc().set(): the data replaces the whole document, keeping its `_id`. */
export function replaceDocument(id: unknown, replacement: Record<string, unknown>): Doc {
  if (Object.keys(replacement).some((key) => key.startsWith('$'))) throw DbErrors.invalidParam('set data must not contain update operators');
  const { _id: ignored, ...rest } = replacement;
  void ignored;
  return { _id: id, ...clone(rest) };
}

/** Equality conditions of a query, used as the base document of an upsert (like MongoDB). */
export function upsertSeed(query: Record<string, unknown> | undefined): Doc {
  const seed: Doc = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (key.startsWith('$') || key.includes('.')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if (Object.keys(value).length === 1 && '$eq' in value) seed[key] = clone(value.$eq);
      continue;
    }
    if (isRegExp(value)) continue;
    seed[key] = clone(value);
  }
  return seed;
}

export function aggregate(docs: Doc[], pipeline: Record<string, unknown>[], resolveCollection: (name: string) => Doc[]): Doc[] {
  const aggregator = new Aggregator(pipeline as AnyObject[], {
    processingMode: ProcessingMode.CLONE_INPUT,
    collectionResolver: (name: string) => resolveCollection(name) as AnyObject[],
  });
  return aggregator.run(docs as AnyObject[]) as Doc[];
}
