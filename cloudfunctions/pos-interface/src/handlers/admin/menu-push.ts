import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, CommonErrors, canSeeStore, defineAction } from '../../../../shared/kit';
import { AdapterConfigError } from '../../adapters/errors';
import { getAdapter } from '../../adapters/registry';
import type { MenuPushRequest } from '../../adapters/types';
import { applyChunkResult, finalStatus, type MenuPush } from '../../domain/menu-push';
import { toCanonicalMenuItem } from '../../domain/menu-push-items';
import { digestPayload, type SyncLog } from '../../domain/sync-log';
import { enqueueWebhookEvents } from '../../outbox';
import { sendHttp } from '../../outbox/http-sender';
import { adapterSecret, updateIntegration } from '../../repositories/integration-repository';
import { readStoreMenu } from '../../repositories/menu-catalog-repository';
import { findMenuPush, insertMenuPush, updateMenuPush } from '../../repositories/menu-push-repository';
import { recordSyncLogs } from '../../repositories/sync-log-repository';
import { loadIntegrationFor, staffOf } from './access';
import { audit } from './audit';
import { integrationId } from './schemas';

/** Per chunk; a POS applying 200 dishes should answer well within it. */
export const MENU_CHUNK_TIMEOUT_MS = 15_000;
/** Stop starting chunks after this, so the push ends inside the function timeout (60 s). */
export const MENU_PUSH_BUDGET_MS = 45_000;
/** Longer than any function timeout (60 s max for synchronous CloudBase functions). */
const ABANDONED_AFTER_MS = 120_000;
const pushIdSchema = z.string().regex(/^push_[A-Za-z0-9_-]{8,48}$/, 'pushId 格式为 push_ 加 8–48 位字母数字');

function newPushId(): string {
  return `push_${randomBytes(10).toString('hex')}`;
}

/**
 * Pushes the store's menu to the POS through the integration's adapter: one request per ≤200
 * dishes, sent in order, progress saved after each chunk (the page polls getMenuPush with the
 * pushId it chose), per-dish results from the POS's reply, then `menu.sync.completed`.
 * Repeating a request with the same pushId returns the first push instead of pushing again.
 */
export const pushMenu = defineAction({
  roles: ['admin', 'manager'],
  input: z.object({ integrationId, syncType: z.enum(['full', 'incremental']).default('full'), pushId: pushIdSchema.optional() }).strict(),
  handler: async (input, ctx) => {
    const started = Date.now();
    const integration = await loadIntegrationFor(ctx, input.integrationId);
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
    const secret = adapterSecret(integration);
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
      startedBy: staffOf(ctx).openid,
      startedAt,
    };
    if (!(await insertMenuPush(push))) throw new AppError(CommonErrors.CONFLICT, { message: '同一 pushId 的推送已在进行', details: { field: 'pushId' } });

    const logs: SyncLog[] = [];
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
      await updateMenuPush(push._id, {
        chunksDone: push.chunksDone,
        successCount: push.successCount,
        failedCount: push.failedCount,
        failedItems: push.failedItems,
        chunks: push.chunks,
      });
      logs.push({
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
      });
    }

    const status = finalStatus(push);
    const finishedAt = new Date();
    const events = await enqueueWebhookEvents(
      [
        {
          integrationId: integration._id,
          event: 'menu.sync.completed',
          data: {
            syncId: pushId,
            restaurantId: integration.restaurantId,
            syncType: input.syncType,
            status,
            totalCount: push.totalCount,
            successCount: push.successCount,
            failedCount: push.failedCount,
            failedItems: push.failedItems.slice(0, 50),
            syncAt: finishedAt.toISOString(),
          },
        },
      ],
      { integrations: [integration] },
    );
    push = { ...push, status, finishedAt, ...(events.eventIds[0] ? { eventId: events.eventIds[0] } : {}) };
    await Promise.all([
      updateMenuPush(push._id, { status, finishedAt, ...(push.eventId ? { eventId: push.eventId } : {}) }),
      recordSyncLogs(logs),
      // Only a complete push moves the incremental watermark; otherwise the next one resends.
      status === 'success' ? updateIntegration(integration._id, { lastMenuPushAt: startedAt }) : Promise.resolve(true),
      audit(
        ctx,
        'pos.menu.push',
        { type: 'menu_push', id: push._id, storeId: integration.storeId },
        `向「${integration.name}」推送菜单（${input.syncType}）：共 ${push.totalCount} 项，成功 ${push.successCount}，失败 ${push.failedCount}`,
      ),
    ]);
    return push;
  },
});

export const getMenuPush = defineAction({
  roles: ['admin', 'manager'],
  input: z.object({ pushId: pushIdSchema }).strict(),
  handler: async (input, ctx) => {
    const push = await findMenuPush(input.pushId);
    if (!push || !canSeeStore(staffOf(ctx), push.storeId))
      throw new AppError(CommonErrors.NOT_FOUND, { message: '推送记录不存在', details: { field: 'pushId' } });
    // A push still "running" long after any push can finish was cut off (function timeout, crash).
    if (push.status === 'running' && Date.now() - new Date(push.startedAt).getTime() > ABANDONED_AFTER_MS) {
      const finishedAt = new Date();
      const abortReason = '推送中断（函数超时或异常退出），请重新推送';
      await updateMenuPush(push._id, { status: 'failed', finishedAt, abortReason });
      return { ...push, status: 'failed' as const, finishedAt, abortReason };
    }
    return push;
  },
});
