import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import { listPointsLogs, type LedgerEntryView } from '../../../services/member';
import { toastError } from '../../../utils/feedback';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  reason: string;
  time: string;
  changeText: string;
  positive: boolean;
  balanceText: string;
}

function rowOf(entry: LedgerEntryView): Row {
  return {
    id: entry.id,
    reason: entry.reason,
    time: entry.createdAtText,
    changeText: entry.change > 0 ? `+${entry.change}` : String(entry.change),
    positive: entry.change > 0,
    balanceText: `余额 ${entry.balanceAfter}`,
  };
}

/** 积分明细: the points ledger, newest first, a page at a time. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    rows: [] as Row[],
    page: 0,
    total: 0,
    hasMore: false,
    loadingMore: false,
  },

  onLoad() {
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

  async refresh() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await listPointsLogs(1, PAGE_SIZE);
      this.setData({ rows: result.items.map(rowOf), page: 1, total: result.total, hasMore: result.hasMore, status: result.items.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await listPointsLogs(next, PAGE_SIZE);
      // A row may shift onto the next page when a new entry arrives meanwhile: skip repeats.
      const seen = new Set(this.data.rows.map((row) => row.id));
      const rows = this.data.rows.concat(result.items.filter((item) => !seen.has(item.id)).map(rowOf));
      this.setData({ rows, page: next, total: result.total, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },
});
