import { DbErrors } from './errors';
import { isPlainObject, stringifyEjson } from './ejson';

/** MongoDB's BSON document limit, which CloudBase (a MongoDB service) inherits. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** MongoDB's maximum nesting depth of a stored document. */
export const MAX_NESTING_DEPTH = 100;

export { isPlainObject } from './ejson';

/** `_id` values the SDK can address with doc(): strings and numbers (plus db.ObjectId values). */
export function assertValidId(id: unknown): void {
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return;
  if (isPlainObject(id) && Object.keys(id).length === 1 && typeof id.$oid === 'string') return;
  throw DbErrors.invalidParam(`_id must be a string or a number, got ${Array.isArray(id) ? 'array' : typeof id}`);
}

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) throw DbErrors.invalidParam('collectionName is required');
  if (name.includes('$') || name.includes('\u0000') || name.startsWith('system.') || Buffer.byteLength(name) > 120) {
    throw DbErrors.invalidParam(`invalid collection name ${JSON.stringify(name)}`);
  }
}

function checkFields(value: unknown, path: string, depth: number): void {
  if (depth > MAX_NESTING_DEPTH) throw DbErrors.requestFailed(`Document exceeds maximum nesting depth of ${MAX_NESTING_DEPTH}`);
  if (Array.isArray(value)) {
    for (const item of value) checkFields(item, path, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const fieldPath = path ? `${path}.${key}` : key;
    if (key.startsWith('$') && !(key === '$oid' && Object.keys(value).length === 1)) {
      throw DbErrors.requestFailed(`The dollar ($) prefixed field '${key}' in '${fieldPath}' is not valid for storage.`);
    }
    if (key.includes('.')) throw DbErrors.requestFailed(`The dotted field '${key}' in '${fieldPath}' is not valid for storage.`);
    checkFields(item, fieldPath, depth + 1);
  }
}

/** What MongoDB checks before storing a document (insert, replace, update result). */
export function assertStorableDocument(doc: Record<string, unknown>): void {
  assertValidId(doc._id);
  checkFields(doc, '', 1);
  const size = Buffer.byteLength(stringifyEjson(doc));
  if (size > MAX_DOCUMENT_BYTES) {
    throw DbErrors.requestFailed(`document is too large: ${size} bytes, the maximum document size is ${MAX_DOCUMENT_BYTES} bytes (16MB)`);
  }
}
