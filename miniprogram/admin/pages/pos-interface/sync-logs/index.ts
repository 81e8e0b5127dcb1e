import { getSyncLog, listSyncLogs, type SyncLogFilter, type SyncLogView } from '../../../services/pos-interface';
import { formatDateTime } from '../../../../utils/format';
import { toastError } from '../../../../utils/feedback';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { KIND_LABELS, SYNC_STATUS } from '../../../utils/pos-labels';

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

interface Filters {
  integrationId: string;
  direction: string;
  statusFilter: string;
  kind: string;
  range: string;
}

function filterOf(data: Filters, page: number, pageSize: number): SyncLogFilter {
  const { integrationId, direction, statusFilter, kind, range } = data;
  const days = range === ALL ? 0 : Number(range);
  return {
    page,
    pageSize,
    ...(integrationId ? { integrationId } : {}),
    ...(direction !== ALL ? { direction: direction as SyncLogFilter['direction'] } : {}),
    ...(statusFilter !== ALL ? { status: statusFilter as SyncLogFilter['status'] } : {}),
    ...(kind !== ALL ? { kind } : {}),
    ...(days ? { from: new Date(Date.now() - days * 86_400_000).toISOString() } : {}),
  };
}

const list = pagedList({
  key: 'items',
  fetch: (page, pageNo, pageSize) => listSyncLogs(filterOf(page.data as Filters, pageNo, pageSize)),
  toRow,
});

/** Every exchange with POS systems, newest first, filterable; tap one for its detail. */
Page({
  data: {
    ...PAGED_LIST_DATA,
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
    detail: null as Row | null,
    detailMeta: '',
  },

  ...list,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ integrationId: query.integrationId ?? '' });
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
