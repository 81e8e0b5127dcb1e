import { randomBytes } from 'node:crypto';
import { AppError, CommonErrors } from '../../../shared/kit';
import { AdapterConfigError } from '../adapters/errors';
import { getAdapter } from '../adapters/registry';
import type { MenuPushRequest } from '../adapters/types';
import { applyChunkResult, finalStatus, menuSyncCompletedData, type MenuPush } from '../domain/menu-push';
import { toCanonicalMenuItem } from '../domain/menu-push-items';
import { digestPayload } from '../../../shared/integration/exchange-log';
import { enqueueWebhookEvents } from '../outbox';
import { sendHttp } from '../../../shared/integration/http-sender';
import type { PosIntegration, PosSyncLog } from '../domain/integration';
import { adapterSecret, SecretUnavailableError, updateIntegration } from '../repositories/integration-repository';
import { readStoreMenu } from '../repositories/menu-catalog-repository';
import { findMenuPush, insertMenuPush, updateMenuPush } from '../repositories/menu-push-repository';
import { recordSyncLog } from '../repositories/integration-plumbing';
import { FUNCTION_TIMEOUT_MS } from '../runtime-limits';

/** Per chunk; a POS applying 200 dishes should answer well within it. */
export const MENU_CHUNK_TIMEOUT_MS = 15_000;
/**
 * Left of the function timeout after the last chunk: the menu.sync.completed event (insert, a
 * 3 s inline attempt, its result and log) and the final writes. A chunk never runs past the
 * budget (its timeout is cut to what is left), so the push ends inside the timeout.
 */
export const MENU_PUSH_SAFETY_MARGIN_MS = 10_000;
/** Stop starting chunks after this: the function timeout (config.json) minus the margin. */
export const MENU_PUSH_BUDGET_MS = FUNCTION_TIMEOUT_MS - MENU_PUSH_SAFETY_MARGIN_MS;

function newPushId(): string {
  return `push_${randomBytes(10).toString('hex')}`;
}

/**
 * Pushes the store's menu to the POS through the integration's adapter: one request per ≤200
 * dishes, sent in order, progress saved after each chunk (the page polls getMenuPush with the
 * pushId it chose), per-dish results from the POS's reply, then `menu.sync.completed`.
 * Repeating a request with the same pushId returns the first push instead of pushing again.
 */
export async function pushMenu(
  integration: PosIntegration,
  input: { syncType: 'full' | 'incremental'; pushId?: string },
  startedBy: string,
  audit: (push: MenuPush) => Promise<void>,
): Promise<MenuPush> {
  const started = Date.now();
  if (input.pushId) {
    const existing = await findMenuPush(input.pushId);
    if (existing) {
      if (existing.integrationId !== integration._id)
        throw new AppError(CommonErrors.CONFLICT, { message: 'pushId 已被其他推送使用', details: { field: 'pushId' } });
      return existing;
    }
  }
  if (integration.status !== 'active') throw new AppError(CommonErrors.CONFLICT, { message: '接入已停用，不能推送菜单' });
  if (!integration.endpoint) throw new AppError(CommonErrors.CONFLICT, { message: '接入未配置收银系统地址（endpoint）', details: { field: 'endpoint' } });
  const secret = openAdapterSecret(integration);
  if (!secret) throw new AppError(CommonErrors.CONFLICT, { message: '接入未配置厂商密钥（vendorSecret）', details: { field: 'vendorSecret' } });

  const startedAt = new Date();
  const since = input.syncType === 'incremental' && integration.lastMenuPushAt ? new Date(integration.lastMenuPushAt) : undefined;
  const items = (await readStoreMenu(integration.storeId, since)).map(toCanonicalMenuItem);
  const pushId = input.pushId ?? newPushId();
  let requests: MenuPushRequest[];
  try {
    requests = getAdapter(integration.vendor).buildMenuPushRequests(items, {
      restaurantId: integration.restaurantId,
      endpoint: integration.endpoint,
      apiKey: integration.apiKey,
      secret,
      vendorConfig: integration.vendorConfig ?? {},
      now: startedAt,
      newNonce: () => randomBytes(16).toString('hex'),
      syncType: input.syncType,
      syncId: pushId,
    });
  } catch (error) {
    // Adapters reject configurations they cannot sign for (http endpoint, missing appKey …).
    if (error instanceof RangeError || error instanceof AdapterConfigError) {
      throw new AppError(CommonErrors.CONFLICT, { message: `无法构建推送请求：${(error as Error).message}` });
    }
    throw error;
  }

  let push: MenuPush = {
    _id: pushId,
    integrationId: integration._id,
    storeId: integration.storeId,
    vendor: integration.vendor,
    syncType: input.syncType,
    status: 'running',
    chunksTotal: requests.length,
    chunksDone: 0,
    totalCount: items.length,
    successCount: 0,
    failedCount: 0,
    failedItems: [],
    chunks: [],
    startedBy,
    startedAt,
  };
  if (!(await insertMenuPush(push))) throw new AppError(CommonErrors.CONFLICT, { message: '同一 pushId 的推送已在进行', details: { field: 'pushId' } });

  for (const [index, request] of requests.entries()) {
    const overBudget = Date.now() - started > MENU_PUSH_BUDGET_MS;
    const remaining = MENU_PUSH_BUDGET_MS - (Date.now() - started);
    const sent = overBudget
      ? { ok: false, status: 0, text: '', durationMs: 0, error: '推送超时，未发送' }
      : await sendHttp({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: request.body,
          timeoutMs: Math.min(MENU_CHUNK_TIMEOUT_MS, Math.max(1000, remaining)),
        });
    const results =
      sent.status === 0
        ? request.itemIds.map((itemId) => ({ itemId, success: false, reason: `请求失败：${sent.error}` }))
        : getAdapter(integration.vendor).parseMenuPushReply({ statusCode: sent.status, body: sent.text }, request.itemIds);
    const failedItems = results.filter((r) => !r.success).map((r) => ({ itemId: r.itemId, reason: r.reason ?? '推送失败' }));
    const chunkStatus = failedItems.length === 0 ? 'success' : failedItems.length === request.itemIds.length ? 'failed' : 'partial';
    push = {
      ...push,
      ...applyChunkResult(push, request.itemIds, { ok: true, failedItems }),
      chunks: [
        ...push.chunks,
        {
          index: index + 1,
          itemCount: request.itemIds.length,
          status: chunkStatus,
          httpStatus: sent.status,
          durationMs: sent.durationMs,
          ...(sent.error ? { error: sent.error } : {}),
        },
      ],
    };
    // The chunk's log is written with its progress: a push cut off later keeps the logs of what it sent.
    const log: PosSyncLog = {
      integrationId: integration._id,
      storeId: integration.storeId,
      direction: 'outbound',
      kind: 'menu.push',
      requestId: `${pushId}#${index + 1}`,
      status: chunkStatus,
      counts: { total: request.itemIds.length, success: request.itemIds.length - failedItems.length, failed: failedItems.length },
      durationMs: sent.durationMs,
      ...(sent.ok ? {} : { error: { code: sent.status || 'NETWORK', message: sent.error ?? 'failed' } }),
      payloadDigest: digestPayload(request.body),
      meta: { pushId, chunk: index + 1, chunks: requests.length, httpStatus: sent.status },
      createdAt: new Date(),
    };
    await Promise.all([
      updateMenuPush(push._id, {
        chunksDone: push.chunksDone,
        successCount: push.successCount,
        failedCount: push.failedCount,
        failedItems: push.failedItems,
        chunks: push.chunks,
      }),
      recordSyncLog(log),
    ]);
  }

  const status = finalStatus(push);
  const finishedAt = new Date();
  const events = await enqueueWebhookEvents(
    [{ integrationId: integration._id, event: 'menu.sync.completed', data: menuSyncCompletedData(push, integration.restaurantId, status, finishedAt) }],
    { integrations: [integration] },
  );
  push = { ...push, status, finishedAt, ...(events.eventIds[0] ? { eventId: events.eventIds[0] } : {}) };
  await Promise.all([
    updateMenuPush(push._id, { status, finishedAt, ...(push.eventId ? { eventId: push.eventId } : {}) }),
    // Only a complete push moves the incremental watermark; otherwise the next one resends.
    status === 'success' ? updateIntegration(integration._id, { lastMenuPushAt: startedAt }) : Promise.resolve(true),
    audit(push),
  ]);
  return push;
}

/** The signing key, or a 40901 staff can act on when the stored one does not open. */
function openAdapterSecret(integration: PosIntegration): string | null {
  try {
    return adapterSecret(integration);
  } catch (error) {
    if (!(error instanceof SecretUnavailableError)) throw error;
    const message =
      error.which === 'vendor' ? '厂商密钥无法解密（主密钥已更换或记录损坏），请重新填写厂商密钥' : '接入密钥无法解密（主密钥已更换或记录损坏），请先轮换密钥';
    throw new AppError(CommonErrors.CONFLICT, { message, details: { field: error.which === 'vendor' ? 'vendorSecret' : 'secret' } });
  }
}
