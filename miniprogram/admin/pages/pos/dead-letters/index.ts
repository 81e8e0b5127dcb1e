import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../../services/errors';
import { listDeadLetters, replayDeadLetter, type WebhookEventView } from '../../../../services/pos-admin';
import { formatDateTime } from '../../../../utils/format';
import { toast, toastError } from '../../../../utils/feedback';
import { EVENT_LABELS } from '../../../utils/pos-labels';

const PAGE_SIZE = 20;

interface Row extends WebhookEventView {
  eventLabel: string;
  summary: string;
}

function toRow(record: WebhookEventView): Row {
  return {
    ...record,
    eventLabel: EVENT_LABELS[record.event] ?? record.event,
    summary: `${formatDateTime(record.deadAt ?? record.updatedAt)} · 已尝试 ${record.attempts} 次 · ${record.lastError ?? ''}`,
  };
}

/** Webhook events that used up their retries; staff replay them once the receiver is fixed. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    integrationId: '',
    items: [] as Row[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    replaying: '',
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

  query(page: number) {
    return listDeadLetters({ page, pageSize: PAGE_SIZE, ...(this.data.integrationId ? { integrationId: this.data.integrationId } : {}) });
  },

  async refresh() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await this.query(1);
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
      const result = await this.query(next);
      this.setData({ items: [...this.data.items, ...result.items.map(toRow)], total: result.total, page: next, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  async onReplay(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.replaying) return;
    this.setData({ replaying: id });
    try {
      const result = await replayDeadLetter(id);
      if (result.status === 'delivered') {
        toast(this, '重放成功，已送达', 'success');
        const items = this.data.items.filter((r) => r._id !== id);
        this.setData({ items, total: this.data.total - 1, status: items.length ? 'ready' : 'empty' });
      } else {
        toast(this, `重放失败：${result.lastError ?? ''}，将按重试计划继续投递`, 'warning');
        void this.refresh();
      }
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ replaying: '' });
    }
  },
});
