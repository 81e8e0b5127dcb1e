/**
 * Malformed inputs for the fuzz test (fuzz.test.ts), generated from the contracts themselves:
 * a seeded random generator (reproducible), a catalogue of hostile values, and mutations of a
 * valid-looking input built from each action's zod schema. Every generated event is checked
 * against the action's own schema first and only sent when the schema refuses it, so a run can
 * assert that nothing at all was written.
 */
import type { z } from 'zod';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for test data; the same seed gives the same run. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** JSON cannot say these; the event text carries a placeholder replaced after JSON.stringify. */
const RAW_NUMBERS: Record<string, string> = { '"\u0000INF"': '1e999', '"\u0000NINF"': '-1e999', '"\u0000NEGZERO"': '-0', '"\u0000TINY"': '5e-324' };

/** The JSON text of an event, with the raw-number placeholders put in. */
export function eventText(event: unknown): string {
  let text = JSON.stringify(event);
  for (const [placeholder, raw] of Object.entries(RAW_NUMBERS)) text = text.split(placeholder).join(raw);
  return text;
}

/** An object with an own `__proto__` (or any) key, as JSON.parse makes it — not a prototype change. */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function nested(rng: Rng, depth: number): unknown {
  let value: unknown = pick(rng, [1, 'x', null, {}, []]);
  for (let i = 0; i < depth; i++) value = rng() < 0.5 ? [value] : { a: value };
  return value;
}

const HUGE = 'x'.repeat(200_000);
const STRINGS = [
  '',
  ' ',
  '\t',
  '\n',
  'a\nb',
  'a\r\nb',
  'a\u2028b',
  'a\u2029b',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  '\ufeff',
  '😀',
  '𠮷野家',
  '\ud800',
  '../../etc/passwd',
  '$gt',
  '{"$ne":null}',
  "'; DROP TABLE orders; --",
  '<script>alert(1)</script>',
  'null',
  'true',
  '1',
  '-1',
  '0x10',
  '1e5',
  ' 1 ',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  'toString',
  'P20260101000000abcdefabcdef\n',
  'store_demo_001\u2028',
  '2026-02-30T25:61:61Z',
  'http://127.0.0.1:8787/admin',
  'https://169.254.169.254/latest/meta-data',
  '%00',
  'x'.repeat(65),
  'x'.repeat(257),
  'x'.repeat(5000),
];
const NUMBERS = [
  0,
  -1,
  1.5,
  -0.5,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  1e21,
  1e308,
  -1e308,
  10_000_001,
  100_000_001,
  '\u0000INF',
  '\u0000NINF',
  '\u0000NEGZERO',
  '\u0000TINY',
];

/** One hostile value: wrong type, boundary number, odd string, prototype key, nesting, size. */
export function hostileValue(rng: Rng): unknown {
  const r = rng();
  if (r < 0.3) return pick(rng, STRINGS);
  if (r < 0.5) return pick(rng, NUMBERS);
  if (r < 0.58) return pick(rng, [null, true, false]);
  if (r < 0.66) return nested(rng, 1 + Math.floor(rng() * 24));
  if (r < 0.72) return pick<unknown>(rng, [{}, [], [null], [[]], { $gt: '' }, { $where: 'sleep(1000)' }, { toString: 'x' }, { valueOf: 1 }, { length: 1e9 }]);
  if (r < 0.78) return withOwnKey({}, '__proto__', { admin: true, role: 'admin' });
  if (r < 0.82) return { constructor: { prototype: { polluted: true } } };
  if (r < 0.86) return Array.from({ length: 1 + Math.floor(rng() * 300) }, () => pick(rng, STRINGS));
  if (r < 0.88) return HUGE;
  if (r < 0.94) return pick(rng, STRINGS) + pick(rng, STRINGS);
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(rng() * 5) }, () => [pick(rng, STRINGS).slice(0, 20), hostileValue(rng)]));
}

// ------------------------------------------------------------------ schema introspection (zod 4)

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
}

const def = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Through optional/default/pipe wrappers to the schema that says what the value is. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    const d = def(s);
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
    if (!next) return s;
    s = next;
  }
  return s;
}

export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const d = def(core(schema));
  return d.type === 'object' ? d.shape : undefined;
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

const STRING_CANDIDATES = [
  'fuzz_id_0001',
  'fuzz-key-00000001',
  'P20260101000000abcdefabcdef',
  'push_fuzz0001abcd',
  '13800000000',
  '顾客取消订单',
  'https://pos.example.com/hook',
  '2026-01-01T00:00:00.000Z',
  '10.0.0.1',
  'abc',
];

/** A value the field schema accepts, when one of the usual shapes fits; undefined otherwise. */
export function plausibleValue(schema: z.ZodType, depth = 0): unknown {
  if (depth > 4) return undefined;
  const c = core(schema);
  const d = def(c);
  const accepts = (value: unknown) => schema.safeParse(value).success;
  const first = (candidates: unknown[]) => candidates.find(accepts);
  switch (d.type) {
    case 'string':
      return first(STRING_CANDIDATES);
    case 'number':
      return first([1, 100, 10, 0, -1]);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'array': {
      const item = d.element ? plausibleValue(d.element, depth + 1) : undefined;
      return first([[], item === undefined ? [] : [item]]);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(d.shape ?? {})) {
        const value = plausibleValue(field, depth + 1);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'record':
      return {};
    case 'union':
      return d.options?.map((o) => plausibleValue(o, depth + 1)).find((v) => v !== undefined);
    default:
      return undefined;
  }
}

/** Paths of every field (nested objects and array items too) of a plausible input. */
function fieldPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((item, i) => fieldPaths(item, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      fieldPaths(child, [...prefix, key], out);
    }
  return out;
}

function setAt(target: unknown, path: (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
    if (!node || typeof node !== 'object') return; // an earlier mutation replaced this branch
  }
  const last = path[path.length - 1];
  if (typeof last === 'string') withOwnKey(node as Record<string, unknown>, last, value);
  else node[last] = value;
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$where',
  '_id',
  '',
  ' ',
  'a.b',
  'x\ny',
  'userInfo ',
  'openid',
  'role',
  'storeIds',
];

/**
 * One malformed payload for an action (without `action`): a plausible input with a field replaced,
 * removed, a key added, or the whole payload replaced.
 */
export function mutatedPayload(rng: Rng, input: z.ZodType): unknown {
  const base = (plausibleValue(input) ?? {}) as Record<string, unknown>;
  const payload = structuredClone(base);
  const paths = fieldPaths(payload);
  const shape = objectShape(input) ?? {};
  const r = rng();
  if (r < 0.55 && paths.length) {
    for (let n = 1 + (rng() < 0.2 ? 1 : 0); n > 0; n--) setAt(payload, pick(rng, paths), hostileValue(rng));
    return payload;
  }
  if (r < 0.65) {
    const required = Object.keys(shape).filter((key) => !isOptional(shape[key]));
    if (required.length) {
      delete payload[pick(rng, required)];
      return payload;
    }
  }
  if (r < 0.85) return withOwnKey(payload, pick(rng, EXTRA_KEYS), hostileValue(rng));
  if (r < 0.93) return hostileValue(rng);
  return Object.fromEntries(Object.keys(shape).map((key) => [key, hostileValue(rng)]));
}
