import { posInterfaceContract } from '../../../../../typings/api/pos-interface';
import { AppError, CommonErrors, canSeeStore, implement } from '../../../../shared/kit';
import { healthOf } from '../../domain/health';
import { countSyncLogsByIntegration, findSyncLog, listSyncLogs as querySyncLogs } from '../../repositories/integration-plumbing';
import { loadIntegrationFor, visibleStoreIds } from './access';

const { actions } = posInterfaceContract;

export const listSyncLogs = implement(actions.listSyncLogs, async (input, ctx) => {
  if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
  const { page, pageSize, ...filter } = input;
  return querySyncLogs({ ...filter, storeIds: visibleStoreIds(ctx.staff) }, page, pageSize);
});

export const getSyncLog = implement(actions.getSyncLog, async (input, ctx) => {
  const log = await findSyncLog(input.id);
  if (!log || !canSeeStore(ctx.staff, log.storeId)) throw new AppError(CommonErrors.NOT_FOUND, { message: '同步日志不存在', details: { field: 'id' } });
  return log;
});

/**
 * Success rate and health score per integration over the last 24 h and 7 d, computed from
 * two database aggregations (one per window) instead of reading the logs.
 */
export const integrationHealth = implement(actions.integrationHealth, async (input, ctx) => {
  if (input.integrationId) await loadIntegrationFor(ctx, input.integrationId);
  const visible = visibleStoreIds(ctx.staff);
  const storeIds = input.storeId ? (visible && !visible.includes(input.storeId) ? [] : [input.storeId]) : visible;
  const now = Date.now();
  const filter = { integrationId: input.integrationId, storeIds };
  const [day, week] = await Promise.all([
    countSyncLogsByIntegration({ ...filter, from: new Date(now - 24 * 3_600_000) }),
    countSyncLogsByIntegration({ ...filter, from: new Date(now - 7 * 24 * 3_600_000) }),
  ]);
  const empty = { success: 0, partial: 0, failed: 0, avgDurationMs: 0 };
  const ids = [...new Set([...week.keys(), ...day.keys(), ...(input.integrationId ? [input.integrationId] : [])])].sort();
  return {
    generatedAt: new Date(now).toISOString(),
    formula: 'score = round(100 × (成功 + 0.5 × 部分成功) / 总数 − 延迟扣分)，延迟扣分 = clamp(0, 10, (平均耗时ms − 1000) / 200)；≥95 健康，≥80 降级，其余异常',
    integrations: ids.map((id) => ({ integrationId: id, last24h: healthOf(day.get(id) ?? empty), last7d: healthOf(week.get(id) ?? empty) })),
  };
});
