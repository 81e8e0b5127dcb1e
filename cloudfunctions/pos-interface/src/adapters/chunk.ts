/** Vendors cap batch sizes and large bodies time out; 200 items per request is our ceiling for all. */
export const MAX_MENU_ITEMS_PER_REQUEST = 200;

export function chunk<T>(items: readonly T[], size: number = MAX_MENU_ITEMS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`分批大小必须是正整数: ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
