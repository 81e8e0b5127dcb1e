import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import { listMyOrders, type MyOrder } from '../../../services/order';
import { toastError } from '../../../utils/feedback';
import { TAB_PAGES } from '../../../utils/features';
import { formatDateTime, formatFen } from '../../../utils/format';
import { syncTabBar } from '../../../utils/tab-bar';

const PAGE_SIZE = 20;

interface OrderRow {
  _id: string;
  title: string;
  time: string;
  amount: string;
  statusText: string;
}

function toRow(order: MyOrder): OrderRow {
  return {
    _id: order._id,
    title: order.storeName || `订单 ${order.orderNo ?? order._id}`,
    time: formatDateTime(order.createdAt),
    amount: formatFen(order.totalAmount),
    statusText: order.statusText || order.status || '',
  };
}

/** 订单 tab: the diner's orders, refreshed whenever the tab is shown. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    orders: [] as OrderRow[],
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  onShow() {
    syncTabBar(this, 'orders');
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

  onGoHome() {
    wx.switchTab({ url: TAB_PAGES.home });
  },

  async refresh() {
    // Keep the list on screen while refreshing; show the spinner only the first time.
    if (!this.data.orders.length) this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await listMyOrders(1, PAGE_SIZE);
      const orders = result.items.map(toRow);
      this.setData({ orders, page: 1, hasMore: result.hasMore ?? orders.length < result.total, status: orders.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error), orders: [] });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await listMyOrders(next, PAGE_SIZE);
      const orders = [...this.data.orders, ...result.items.map(toRow)];
      this.setData({ orders, page: next, hasMore: result.hasMore ?? orders.length < result.total });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },
});
