/**
 * Splits documents for bulk `add`s. CloudBase refuses a request over 6 MB, and a stored POS
 * order is several times larger than its request lines (carbon figures and a label URL per
 * dish), so a batch that fits the request cap can still overflow one bulk write. Each chunk
 * holds at most `maxCount` documents and about `maxBytes` of JSON (the wire format adds a
 * little for dates, hence a limit far below the cap); a single larger document goes alone.
 */
export function chunkForWrite<T>(docs: readonly T[], maxCount: number, maxBytes: number, sizeOf: (doc: T) => number = jsonBytes): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const size = sizeOf(doc);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
