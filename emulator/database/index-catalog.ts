import type { Store } from './store';
import { isPlainObject } from './validate';

/**
 * The indexes and security rules CloudBase keeps per collection, as the management API creates
 * them (http/cloud-api.ts: CreateTable, UpdateTable with CreateIndexes / DropIndexes,
 * ModifyResourcePermission), persisted with the data. The emulator uses the indexes the way a
 * production database is hurt by their absence: a query on a large collection that no index
 * serves is reported, and under tests fails (IndexCheckOptions).
 */
export interface CatalogIndex {
  name: string;
  /** field path → 1 / -1, in key order */
  keys: [string, 1 | -1][];
  unique: boolean;
}

export interface CatalogRule {
  /** ADMINONLY, READONLY, PRIVATE, ADMINWRITE or CUSTOM */
  permission: string;
  /** the JSON rule text when CUSTOM */
  securityRule?: string;
}

export interface CatalogEntry {
  indexes: CatalogIndex[];
  rule?: CatalogRule;
  /**
   * The context declared the collection as growing without bound (database.ts `grows`): the seed
   * records it; the management API has no such notion, so collections made by the bootstrap are
   * judged by size alone, as a real database is.
   */
  grows?: boolean;
}

export interface IndexCheckOptions {
  /** off: never; report: record and log; fail: also fail the query (tests) */
  mode: 'off' | 'report' | 'fail';
  /**
   * A collection counts as large from this many documents on (default 1000: about where a
   * collection scan starts to show in CloudBase latency).
   */
  minDocuments: number;
  /**
   * The same for a collection declared `grows` (orders, logs): it will be large in production
   * whatever its size in a test, so tests check it from 0 documents on.
   */
  growingMinDocuments: number;
}

export const DEFAULT_INDEX_CHECK: IndexCheckOptions = { mode: 'report', minDocuments: 1000, growingMinDocuments: 1000 };

export interface UnindexedQuery {
  collection: string;
  filterFields: string[];
  sort: string[];
  documents: number;
  message: string;
}

const META_PREFIX = 'catalog:';

export class IndexCatalog {
  private readonly entries = new Map<string, CatalogEntry>();

  constructor(private readonly store: Store) {}

  get(collection: string): CatalogEntry | undefined {
    let entry = this.entries.get(collection);
    if (!entry) {
      const stored = this.store.readMeta(META_PREFIX + collection);
      if (stored === undefined) return undefined;
      entry = JSON.parse(stored) as CatalogEntry;
      this.entries.set(collection, entry);
    }
    return entry;
  }

  /** The entry, created (with no index besides `_id`) when missing: a collection made through the management API. */
  ensure(collection: string): CatalogEntry {
    const entry = this.get(collection) ?? { indexes: [] };
    if (!this.entries.has(collection)) this.save(collection, entry);
    return entry;
  }

  save(collection: string, entry: CatalogEntry): void {
    this.entries.set(collection, entry);
    this.store.writeMeta(META_PREFIX + collection, JSON.stringify(entry));
  }
}

/** The fields a filter constrains in a way an index can use (equality, $in, ranges), or the branches of a top-level $or. */
interface FilterPlan {
  fields: Set<string>;
  /** each branch must be served on its own (MongoDB plans $or branch by branch) */
  or: FilterPlan[];
}

const RANGE_OR_EQUALITY = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte', '$all', '$elemMatch', '$regex', '$options']);

function planOf(filter: Record<string, unknown>, prefix = '', plan: FilterPlan = { fields: new Set(), or: [] }): FilterPlan {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) if (isPlainObject(part)) planOf(part, prefix, plan);
    } else if (key === '$or' && Array.isArray(value)) {
      plan.or.push(...value.filter(isPlainObject).map((branch) => planOf(branch, prefix)));
    } else if (key.startsWith('$')) {
      // $nor, $expr, $where…: nothing an index can seek on
    } else {
      const path = prefix ? `${prefix}.${key}` : key;
      if (isPlainObject(value) && Object.keys(value).length > 0) {
        const operators = Object.keys(value);
        if (operators.every((op) => op.startsWith('$'))) {
          // $ne, $nin, $exists, $not alone select nearly everything: a scan even with an index
          if (operators.some((op) => RANGE_OR_EQUALITY.has(op) || (op === '$exists' && value.$exists === true))) plan.fields.add(path);
        } else if (operators.some((op) => op.startsWith('$'))) {
          plan.fields.add(path);
        } else {
          planOf(value, path, plan);
        }
      } else {
        plan.fields.add(path);
      }
    }
  }
  return plan;
}

function servedBy(plan: FilterPlan, indexes: CatalogIndex[]): boolean {
  if (plan.fields.has('_id')) return true;
  if (indexes.some((index) => plan.fields.has(index.keys[0]?.[0] ?? ''))) return true;
  return plan.or.length > 0 && plan.or.every((branch) => servedBy(branch, indexes));
}

/**
 * Whether an index serves a query the way MongoDB's planner would use one: the first key of some
 * index (or `_id`) is constrained by the filter (equality, $in, a range — not a negation), or — for
 * an unfiltered sorted read — the sort starts with an index's first key. An unfiltered, unsorted
 * read (a natural-order page, a count) needs none.
 */
export function queryIsServed(filter: Record<string, unknown> | undefined, sort: Record<string, 1 | -1> | undefined, indexes: CatalogIndex[]): boolean {
  const plan = planOf(filter ?? {});
  const sortFields = Object.keys(sort ?? {});
  // a filter of negations only ($ne, $nin, $exists: false) is still a filtered scan
  if (Object.keys(filter ?? {}).length === 0) {
    if (sortFields.length === 0 || sortFields[0] === '_id') return true;
    return indexes.some((index) => index.keys[0]?.[0] === sortFields[0]);
  }
  return servedBy(plan, indexes);
}

export function filterFieldsOf(filter: Record<string, unknown> | undefined): string[] {
  const plan = planOf(filter ?? {});
  const fields = new Set(plan.fields);
  const addBranches = (branches: FilterPlan[]) => {
    for (const branch of branches) {
      for (const field of branch.fields) fields.add(field);
      addBranches(branch.or);
    }
  };
  addBranches(plan.or);
  return [...fields];
}
