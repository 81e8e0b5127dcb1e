import { listMyOrders, type MyOrder } from '../../../services/order';
import { TAB_PAGES } from '../../../utils/features';
import { formatDateTime, formatFen } from '../../../utils/format';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';
import { syncTabBar } from '../../../utils/tab-bar';

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

// The tab is shown often: keep the list on screen while refreshing; the spinner only the first time.
const list = pagedList({ key: 'orders', fetch: (_page, pageNo, pageSize) => listMyOrders(pageNo, pageSize), toRow, keepRowsWhileRefreshing: true });

/** 订单 tab: the diner's orders, refreshed whenever the tab is shown. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    orders: [] as OrderRow[],
  },

  ...list,

  onShow() {
    syncTabBar(this, 'orders');
    void this.refresh();
  },

  onGoHome() {
    wx.switchTab({ url: TAB_PAGES.home });
  },
});
