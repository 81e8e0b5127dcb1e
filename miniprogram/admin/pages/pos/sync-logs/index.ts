import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../../services/errors';
import { getSyncLog, listSyncLogs, type SyncLogFilter, type SyncLogView } from '../../../../services/pos-admin';
import { formatDateTime } from '../../../../utils/format';
import { toastError } from '../../../../utils/feedback';
import { KIND_LABELS, SYNC_STATUS } from '../../../utils/pos-labels';

const PAGE_SIZE = 20;
const ALL = 'all';

interface Row extends SyncLogView {
  kindLabel: string;
  statusLabel: string;
  statusTheme: string;
  timeText: string;
  summary: string;
}

function toRow(log: SyncLogView): Row {
  const status = SYNC_STATUS[log.status];
  return {
    ...log,
    kindLabel: KIND_LABELS[log.kind] ?? log.kind,
    statusLabel: status?.label ?? log.status,
    statusTheme: status?.theme ?? 'default',
    timeText: formatDateTime(log.createdAt),
    summary: `${log.direction === 'inbound' ? '收' : '发'} · ${log.counts.success}/${log.counts.total} · ${log.durationMs} ms${log.error ? ` · ${log.error.message}` : ''}`,
  };
}

const option = (value: string, label: string) => ({ value, label });

/** Every exchange with POS systems, newest first, filterable; tap one for its detail. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    integrationId: '',
    direction: ALL,
    statusFilter: ALL,
    kind: ALL,
    range: ALL,
    rangeOptions: [option(ALL, '全部时间'), option('1', '近 24 小时'), option('7', '近 7 天')],
    directionOptions: [option(ALL, '全部方向'), option('inbound', '收银→平台'), option('outbound', '平台→收银')],
    statusOptions: [option(ALL, '全部状态'), option('success', '成功'), option('partial', '部分成功'), option('failed', '失败')],
    kindOptions: [option(ALL, '全部类型'), ...Object.entries(KIND_LABELS).map(([value, label]) => option(value, label))],
    items: [] as Row[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    detail: null as Row | null,
    detailMeta: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ integrationId: query.integrationId ?? '' });
    void this.refresh();
  },

  onPullDownRefresh() {
    void this.refresh().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    void this.refresh();
  },

  onDirection(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ direction: e.detail.value });
    void this.refresh();
  },

  onStatus(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ statusFilter: e.detail.value });
    void this.refresh();
  },

  onRange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ range: e.detail.value });
    void this.refresh();
  },

  onKind(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ kind: e.detail.value });
    void this.refresh();
  },

  filter(page: number): SyncLogFilter {
    const { integrationId, direction, statusFilter, kind, range } = this.data;
    const days = range === ALL ? 0 : Number(range);
    return {
      page,
      pageSize: PAGE_SIZE,
      ...(integrationId ? { integrationId } : {}),
      ...(direction !== ALL ? { direction: direction as SyncLogFilter['direction'] } : {}),
      ...(statusFilter !== ALL ? { status: statusFilter as SyncLogFilter['status'] } : {}),
      ...(kind !== ALL ? { kind } : {}),
      ...(days ? { from: new Date(Date.now() - days * 86_400_000).toISOString() } : {}),
    };
  },

  async refresh() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await listSyncLogs(this.filter(1));
      this.setData({ items: result.items.map(toRow), total: result.total, page: 1, hasMore: result.hasMore, status: result.items.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error), retryable: !(isApiError(error) && error.isForbidden) });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await listSyncLogs(this.filter(next));
      this.setData({ items: [...this.data.items, ...result.items.map(toRow)], total: result.total, page: next, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  async onItemTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    try {
      const log = toRow(await getSyncLog(e.currentTarget.dataset.id));
      const meta = Object.entries(log.meta ?? {})
        .map(([k, v]) => `${k}: ${v}`)
        .join('，');
      this.setData({ detail: log, detailMeta: meta });
    } catch (error) {
      toastError(this, error);
    }
  },

  onCloseDetail() {
    this.setData({ detail: null });
  },
});
