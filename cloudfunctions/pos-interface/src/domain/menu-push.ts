import type { PosVendor } from './integration';
/**
 * A document of `menu_pushes`: one push of a store's menu to a POS. Updated after each chunk
 * so the admin page can poll progress while the push runs.
 */
export interface MenuPush {
  _id: string;
  integrationId: string;
  storeId: string;
  vendor: PosVendor;
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

/**
 * After the function timeout the invocation that ran a push is certainly gone; the grace covers
 * clock differences between instances. A push still "running" past this was cut off.
 */
export const ABANDONED_PUSH_GRACE_MS = 10_000;

export function isAbandoned(push: Pick<MenuPush, 'status' | 'startedAt'>, now: Date, functionTimeoutMs: number): boolean {
  return push.status === 'running' && now.getTime() - new Date(push.startedAt).getTime() > functionTimeoutMs + ABANDONED_PUSH_GRACE_MS;
}

export const ABORT_REASON = '推送中断（函数超时或异常退出），未发送的菜品计为失败，请重新推送';

/**
 * Closes a cut-off push: failed (the push did not complete, whatever its chunks did), and the
 * dishes of the chunks never sent count as failed, so successCount + failedCount = totalCount as
 * for a push that ran to the end. Their ids are not known (the requests were built in memory),
 * so failedItems keeps only what the POS reported.
 */
export function abandonedPushPatch(
  push: Pick<MenuPush, 'totalCount' | 'successCount'>,
  now: Date,
): Pick<MenuPush, 'status' | 'finishedAt' | 'abortReason' | 'failedCount'> {
  return { status: 'failed', finishedAt: now, abortReason: ABORT_REASON, failedCount: Math.max(0, push.totalCount - push.successCount) };
}

/** The `menu.sync.completed` payload: the same for a push that finished and one closed after a cut-off. */
export function menuSyncCompletedData(
  push: Pick<MenuPush, '_id' | 'syncType' | 'totalCount' | 'successCount' | 'failedCount' | 'failedItems' | 'abortReason'>,
  restaurantId: string,
  status: MenuPush['status'],
  syncAt: Date,
): Record<string, unknown> {
  return {
    syncId: push._id,
    restaurantId,
    syncType: push.syncType,
    status,
    totalCount: push.totalCount,
    successCount: push.successCount,
    failedCount: push.failedCount,
    failedItems: push.failedItems.slice(0, 50),
    ...(push.abortReason ? { abortReason: push.abortReason } : {}),
    syncAt: syncAt.toISOString(),
  };
}
