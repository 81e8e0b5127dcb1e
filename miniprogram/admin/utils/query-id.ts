/**
 * The id a detail page is opened with (`?integrationId=…`, `?storeId=…`). Without it the page shows
 * an error that offers no retry (nothing to retry with) and returns null; with it the id is kept in
 * the page data under the same key.
 */
export function queryId(
  page: { setData(data: Record<string, unknown>): void },
  query: Record<string, string | undefined>,
  key: string,
  what: string,
): string | null {
  const id = query[key] ?? '';
  page.setData({ [key]: id });
  if (id) return id;
  page.setData({ status: 'error', errorText: `缺少${what}参数`, retryable: false });
  return null;
}
