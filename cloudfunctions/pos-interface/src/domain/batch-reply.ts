/**
 * The batch-sync reply must fit CloudBase's 6 MB response cap. Per-dish detail (carbon and
 * label per line) makes a reply up to about twice as large as the request, so the largest
 * batch a 6 MB request can carry would answer with more than 6 MB. The body is JSON-escaped
 * once more inside the function's return value, hence a budget well below the cap.
 */
export const MAX_BATCH_REPLY_BYTES = 4 * 1024 * 1024;

/** room for the envelope and the batch's own fields around the results */
const ENVELOPE_BYTES = 1024;

interface ResultWithItems {
  data: { items?: unknown } | null;
}

export type BoundedResult<T extends ResultWithItems> = T | (Omit<T, 'data'> & { data: Omit<NonNullable<T['data']>, 'items'>; itemsOmitted: true });

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function withoutItems<T extends ResultWithItems>(result: T): BoundedResult<T> {
  const { items: _items, ...data } = result.data as NonNullable<T['data']>;
  return { ...result, data, itemsOmitted: true as const };
}

/**
 * Keeps results whole, in order, while the reply fits `maxBytes`; from the first result that
 * does not fit on, the per-dish `items` are left out and the result says `itemsOmitted: true`.
 * Order-level figures (carbonImpact, status, reversal) are always kept. A prefix rather than a
 * selection, so a POS can tell at a glance which orders to fetch again one by one (an
 * identical order sync is an idempotent replay that returns the items).
 */
export function boundBatchResults<T extends ResultWithItems>(
  results: readonly T[],
  maxBytes: number = MAX_BATCH_REPLY_BYTES,
): { results: BoundedResult<T>[]; itemsOmittedCount: number } {
  const slim = results.map((r) => (r.data && r.data.items !== undefined ? withoutItems(r) : r));
  const slimSizes = slim.map(bytesOf);
  let left = maxBytes - ENVELOPE_BYTES - slimSizes.reduce((sum, n) => sum + n + 1, 0);
  const bounded: BoundedResult<T>[] = [];
  let omitting = false;
  results.forEach((result, index) => {
    if (slim[index] === result) {
      bounded.push(result);
      return;
    }
    const extra = bytesOf(result) - slimSizes[index];
    if (!omitting && extra <= left) {
      left -= extra;
      bounded.push(result);
    } else {
      omitting = true;
      bounded.push(slim[index]);
    }
  });
  return { results: bounded, itemsOmittedCount: bounded.filter((r) => 'itemsOmitted' in r).length };
}
