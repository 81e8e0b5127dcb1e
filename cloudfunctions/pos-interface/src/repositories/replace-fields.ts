import { getDatabase } from '../../../shared/repositories/database';

/**
 * `update({data})` merges nested objects field by field (it is flattened to dot paths), which
 * fails on a field that is null and keeps stale sub-fields otherwise. Our patches mean
 * "this field is now this value", so objects are wrapped in `_.set`.
 */
export function replaceFields(patch: Record<string, unknown>): Record<string, unknown> {
  const _ = getDatabase().command;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const plainObject = value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value);
    out[key] = plainObject || Array.isArray(value) ? _.set(value) : value;
  }
  return out;
}
