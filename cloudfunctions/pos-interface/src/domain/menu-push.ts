/**
 * A document of `menu_pushes`: one push of a store's menu to a POS. Updated after each chunk
 * so the admin page can poll progress while the push runs.
 */
export interface MenuPush {
  _id: string;
  integrationId: string;
  storeId: string;
  vendor: string;
  syncType: 'full' | 'incremental';
  status: 'running' | 'success' | 'partial' | 'failed';
  chunksTotal: number;
  chunksDone: number;
  totalCount: number;
  successCount: number;
  failedCount: number;
  /** per-item failures the POS reported, or a whole chunk's items when the request failed (capped) */
  failedItems: { itemId: string; reason: string }[];
  /** per chunk: HTTP status and error, for the detail page */
  chunks: { index: number; itemCount: number; status: 'success' | 'partial' | 'failed'; httpStatus: number; durationMs: number; error?: string }[];
  startedBy: string;
  startedAt: Date | string;
  finishedAt?: Date | string;
  /** set when a push was cut off before it finished */
  abortReason?: string;
  /** webhook event raised at the end (menu.sync.completed), if the integration subscribes */
  eventId?: string;
}

export const MAX_RECORDED_FAILED_ITEMS = 500;

/** Folds one chunk's result into the push totals. */
export function applyChunkResult(
  push: Pick<MenuPush, 'successCount' | 'failedCount' | 'failedItems' | 'chunksDone'>,
  itemIds: string[],
  result: { ok: boolean; failedItems: { itemId: string; reason: string }[]; error?: string },
): Pick<MenuPush, 'successCount' | 'failedCount' | 'failedItems' | 'chunksDone'> {
  const failed = result.ok
    ? result.failedItems.filter((f) => itemIds.includes(f.itemId))
    : itemIds.map((itemId) => ({ itemId, reason: result.error ?? '请求失败' }));
  const failedIds = new Set(failed.map((f) => f.itemId));
  return {
    chunksDone: push.chunksDone + 1,
    successCount: push.successCount + itemIds.filter((id) => !failedIds.has(id)).length,
    failedCount: push.failedCount + failedIds.size,
    failedItems: [...push.failedItems, ...failed].slice(0, MAX_RECORDED_FAILED_ITEMS),
  };
}

export function finalStatus(push: Pick<MenuPush, 'totalCount' | 'successCount' | 'failedCount'>): MenuPush['status'] {
  if (push.failedCount === 0) return 'success';
  return push.successCount === 0 ? 'failed' : 'partial';
}
