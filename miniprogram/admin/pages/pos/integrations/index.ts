import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../../services/errors';
import { listIntegrations, type PosIntegrationView } from '../../../../services/pos-admin';
import { toastError } from '../../../../utils/feedback';
import { POS_PAGES, SYNC_STATUS, VENDOR_LABELS } from '../../../utils/pos-labels';

const PAGE_SIZE = 20;
type StatusFilter = 'all' | 'active' | 'disabled';

interface Row extends PosIntegrationView {
  vendorLabel: string;
  statusLabel: string;
  statusTheme: string;
  testLabel: string;
}

function toRow(item: PosIntegrationView): Row {
  const status = SYNC_STATUS[item.status];
  const testLabel = item.lastTestAt ? (item.lastTestOk ? `连接正常 ${item.lastTestLatencyMs ?? 0} ms` : '上次测试失败') : '未测试';
  return {
    ...item,
    vendorLabel: VENDOR_LABELS[item.vendor] ?? item.vendor,
    statusLabel: status?.label ?? item.status,
    statusTheme: status?.theme ?? 'default',
    testLabel,
  };
}

/** POS integrations of the stores the staff member manages, newest first. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    filter: 'all' as StatusFilter,
    items: [] as Row[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  onLoad() {
    void this.refresh();
  },

  onShow() {
    // Back from create/detail: show what changed.
    if (this.data.status === 'ready' || this.data.status === 'empty') void this.refresh();
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

  onFilterChange(e: WechatMiniprogram.CustomEvent<{ value: StatusFilter }>) {
    this.setData({ filter: e.detail.value });
    void this.refresh();
  },

  query(page: number) {
    const filter = this.data.filter;
    return listIntegrations({ page, pageSize: PAGE_SIZE, ...(filter === 'all' ? {} : { status: filter }) });
  },

  async refresh() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await this.query(1);
      this.setData({ items: result.items.map(toRow), total: result.total, page: 1, hasMore: result.hasMore, status: result.items.length ? 'ready' : 'empty' });
    } catch (error) {
      const forbidden = isApiError(error) && error.isForbidden;
      this.setData({ status: 'error', errorText: errorMessage(error), retryable: !forbidden });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await this.query(next);
      this.setData({ items: [...this.data.items, ...result.items.map(toRow)], total: result.total, page: next, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  onItemTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    wx.navigateTo({ url: `${POS_PAGES.detail}?integrationId=${encodeURIComponent(e.currentTarget.dataset.id)}` });
  },

  onCreate() {
    wx.navigateTo({ url: POS_PAGES.create });
  },

  onSyncLogs() {
    wx.navigateTo({ url: POS_PAGES.syncLogs });
  },

  onDeadLetters() {
    wx.navigateTo({ url: POS_PAGES.deadLetters });
  },
});
