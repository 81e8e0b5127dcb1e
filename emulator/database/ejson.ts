/**
 * The SDK speaks MongoDB Extended JSON (bson `EJSON.stringify(x, { relaxed: false })`, i.e. the
 * canonical form: `{"$numberInt":"1"}`, `{"$date":{"$numberLong":"ms"}}`, …) in requests and
 * decodes reply documents with `EJSON.parse` (relaxed). This module converts between that wire
 * form and plain JS values (numbers, Date, RegExp) that mingo understands, and back.
 *
 * Special values kept as plain objects so they round-trip: `{ $oid }` (db.ObjectId) and the rare
 * BSON wrappers nobody in this project uses ($binary, $timestamp, …).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface DecodeOptions {
  /** resolve `{ $tcb_server_date: { offset } }` (db.serverDate()) to this instant + offset */
  now?: number;
}

// Realm-independent type checks: under jest, values can come from another VM context, where
// `instanceof Date` and `proto === Object.prototype` fail.
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isRegExp(value: unknown): value is RegExp {
  return Object.prototype.toString.call(value) === '[object RegExp]';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Deep copy of a document value (plain objects, arrays, dates, regexps), built in this realm. */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (isRegExp(value)) return new RegExp(value.source, value.flags) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = deepClone(item);
    return out as T;
  }
  return value;
}

function decodeNumberString(text: string): number {
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

function decodeDate(value: unknown): Date {
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string') return new Date(value);
  if (isPlainObject(value) && typeof value.$numberLong === 'string') return new Date(Number(value.$numberLong));
  throw new TypeError(`invalid $date value ${JSON.stringify(value)}`);
}

/** JS RegExp supports i, m, s, u; MongoDB's x (extended) is applied by stripping whitespace. */
export function toRegExp(pattern: string, options = ''): RegExp {
  let source = pattern;
  if (options.includes('x'))
    source = source
      .split('\\#')
      .map((part) => part.replace(/#.*$/gm, '').replace(/\s+/g, ''))
      .join('\\#');
  const flags = [...new Set(options.split('').filter((flag) => 'imsu'.includes(flag)))].join('');
  return new RegExp(source, flags);
}

/** Canonical or relaxed EJSON value → JS value. */
export function fromEjson(value: unknown, options: DecodeOptions = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => fromEjson(item, options));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0];
    const inner = value[key];
    switch (key) {
      case '$numberInt':
      case '$numberLong':
      case '$numberDouble':
      case '$numberDecimal':
        if (typeof inner === 'string') return decodeNumberString(inner);
        break;
      case '$date':
        return decodeDate(inner);
      case '$regularExpression':
        if (isPlainObject(inner) && typeof inner.pattern === 'string') return toRegExp(inner.pattern, typeof inner.options === 'string' ? inner.options : '');
        break;
      case '$tcb_server_date': {
        const offset = isPlainObject(inner) ? Number(fromEjson(inner.offset, options) ?? 0) : 0;
        return new Date((options.now ?? Date.now()) + (Number.isFinite(offset) ? offset : 0));
      }
      case '$undefined':
        return null;
      default:
        break;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromEjson(value[key], options);
  return out;
}

export function parseEjson(text: string, options: DecodeOptions = {}): unknown {
  return fromEjson(JSON.parse(text), options);
}

/**
 * JS value → relaxed EJSON (what `EJSON.parse` reads back to the same JS value): numbers stay
 * numbers except non-finite ones, dates become `{"$date":{"$numberLong":"ms"}}`.
 */
export function toEjson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    return { $numberDouble: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return { $numberLong: value.toString() };
  if (isDate(value)) return { $date: { $numberLong: String(value.getTime()) } };
  if (isRegExp(value)) return { $regularExpression: { pattern: value.source, options: value.flags } };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toEjson(item)));
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function') continue;
      out[key] = toEjson(item);
    }
    return out;
  }
  return null;
}

export function stringifyEjson(value: unknown): string {
  return JSON.stringify(toEjson(value));
}
