/**
 * Query, update and aggregation semantics, all delegated to mingo (MongoDB's query language
 * in memory). Functions here are pure: they never mutate the documents they are given.
 */
import { Aggregator, ProcessingMode, Query, update as mingoUpdate } from 'mingo';
import { DbErrors, type DbError } from './errors';
import { deepClone, isDate, isRegExp, stringifyEjson } from './ejson';
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

// ---------------------------------------------------------------------------------------------
// What MongoDB (and so CloudBase) checks while applying an update, and mingo silently skips:
// mingo leaves the document unchanged (or, for $rename, drops the field) where MongoDB fails the
// update with an error. These checks run on the document before mingo applies the modifier.

/** Operators that create missing path components (MongoDB's "allowCreation" modifiers). */
const CREATING_OPERATORS = new Set(['$set', '$inc', '$mul', '$push', '$addToSet', '$min', '$max', '$bit', '$currentDate']);

type PathState =
  | { kind: 'found'; value: unknown }
  | { kind: 'missing' }
  /** the path runs into a value that cannot hold `field` (scalar, null, array with a non-index) */
  | { kind: 'blocked'; field: string; elementName: string; element: unknown }
  /** a positional operator ($, $[], $[id]): resolved by mingo against the query, not checked here */
  | { kind: 'positional' };

/** MongoDB's type names, as its error messages print them. */
function bsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'bigint') return 'long';
  if (isDate(value)) return 'date';
  if (isRegExp(value)) return 'regex';
  if (isObjectId(value)) return 'objectId';
  return 'object';
}

function isObjectId(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.$oid === 'string';
}

/** A value printed roughly the way MongoDB prints one in an error message (shortened). */
function formatValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (isDate(value)) return `new Date(${value.getTime()})`;
  if (isRegExp(value)) return String(value);
  if (isObjectId(value)) return `ObjectId('${(value as { $oid: string }).$oid}')`;
  if (depth > 2) return '...';
  if (Array.isArray(value)) return value.length ? `[ ${value.map((item) => formatValue(item, depth + 1)).join(', ')} ]` : '[]';
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? `{ ${entries.map(([key, item]) => `${key}: ${formatValue(item, depth + 1)}`).join(', ')} }` : '{}';
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** `{_id: "x"}`, as MongoDB names the document an update failed on. */
function idText(doc: Doc): string {
  return `{_id: ${shorten(formatValue(doc._id))}}`;
}

function resolvePath(doc: Doc, parts: string[]): PathState {
  let current: unknown = doc;
  let name = '';
  for (const part of parts) {
    if (part === '$' || (part.startsWith('$[') && part.endsWith(']'))) return { kind: 'positional' };
    if (isPlainObject(current) && !isObjectId(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, part)) return { kind: 'missing' };
      current = current[part];
    } else if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return { kind: 'blocked', field: part, elementName: name, element: current };
      const index = Number(part);
      if (index >= current.length) return { kind: 'missing' };
      current = current[index];
    } else {
      return { kind: 'blocked', field: part, elementName: name, element: current };
    }
    name = part;
  }
  return { kind: 'found', value: current };
}

/** MongoDB refuses an empty path and empty path components ('a..b', 'a.'). */
function assertFieldPath(path: string): string[] {
  if (path === '') throw DbErrors.requestFailed('An empty update path is not valid.');
  const parts = path.split('.');
  if (parts.some((part) => part === '')) throw DbErrors.requestFailed(`The update path '${path}' contains an empty field name, which is not allowed.`);
  return parts;
}

function cannotCreate(state: { field: string; elementName: string; element: unknown }): DbError {
  return DbErrors.requestFailed(`Cannot create field '${state.field}' in element {${state.elementName}: ${shorten(formatValue(state.element))}}`);
}

/** The type rule an operator imposes on the existing value at its path (MongoDB's messages). */
function assertTargetType(operator: string, path: string, value: unknown, doc: Doc): void {
  const field = path.slice(path.lastIndexOf('.') + 1);
  const type = bsonTypeName(value);
  switch (operator) {
    case '$inc':
    case '$mul':
      if (typeof value !== 'number' && typeof value !== 'bigint') {
        throw DbErrors.requestFailed(
          `Cannot apply ${operator} to a value of non-numeric type. ${idText(doc)} has the field '${field}' of non-numeric type ${type}`,
        );
      }
      return;
    case '$bit':
      if (!(typeof value === 'number' && Number.isInteger(value)) && typeof value !== 'bigint') {
        throw DbErrors.requestFailed(`Cannot apply $bit to a value of non-integral type.${idText(doc)} has the field ${field} of non-integer type ${type}`);
      }
      return;
    case '$push':
      if (!Array.isArray(value)) throw DbErrors.requestFailed(`The field '${field}' must be an array but is of type ${type} in document ${idText(doc)}`);
      return;
    case '$addToSet':
      if (!Array.isArray(value)) throw DbErrors.requestFailed(`Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${type}`);
      return;
    case '$pop':
      if (!Array.isArray(value)) throw DbErrors.requestFailed(`Path '${path}' contains an element of non-array type '${type}'`);
      return;
    case '$pull':
    case '$pullAll':
      if (!Array.isArray(value)) throw DbErrors.requestFailed(`Cannot apply ${operator} to a non-array value`);
      return;
    default:
      return;
  }
}

/**
 * Fails the update the way MongoDB does when an operator cannot apply to `doc`: arithmetic on a
 * non-number, array operators on a non-array, a path through a scalar / null / array (with a
 * non-index component), an empty field name. Paths after a positional operator are not checked.
 */
export function assertUpdateApplies(doc: Doc, modifier: Record<string, unknown>): void {
  for (const [operator, fields] of Object.entries(modifier)) {
    for (const [path, argument] of Object.entries(fields as Record<string, unknown>)) {
      const parts = assertFieldPath(path);
      if ((operator === '$inc' || operator === '$mul') && typeof argument !== 'number' && typeof argument !== 'bigint') {
        throw DbErrors.requestFailed(
          `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${shorten(formatValue(argument))}}`,
        );
      }
      if (operator === '$rename') {
        if (typeof argument !== 'string')
          throw DbErrors.requestFailed(`The 'to' field for $rename must be a string: ${path}: ${shorten(formatValue(argument))}`);
        const target = assertFieldPath(argument);
        // only when the source exists does MongoDB create the target
        if (resolvePath(doc, parts).kind !== 'found') continue;
        const state = resolvePath(doc, target);
        if (state.kind === 'blocked') throw cannotCreate(state);
        continue;
      }
      const state = resolvePath(doc, parts);
      if (state.kind === 'blocked') {
        // $unset, $pull, $pullAll and $pop on a path that cannot exist do nothing, like on a missing one
        if (CREATING_OPERATORS.has(operator)) throw cannotCreate(state);
        continue;
      }
      if (state.kind === 'found') assertTargetType(operator, path, state.value, doc);
    }
  }
}

/**
 * Applies update operators to a copy of `doc`. `query` resolves the positional `$` operator.
 * Returns the new document and whether anything changed (CloudBase's `updated` counts changes).
 */
export function applyUpdate(doc: Doc, modifier: Record<string, unknown>, query?: Record<string, unknown>): { doc: Doc; changed: boolean } {
  assertUpdateOperators(modifier);
  assertUpdateApplies(doc, modifier);
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
