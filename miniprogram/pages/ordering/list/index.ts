import { listMyOrders, orderStatusTheme, type MyOrderSummary } from '../../../services/ordering';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatDateTime, formatFen } from '../../../utils/format';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';
import { syncTabBar } from '../../../utils/tab-bar';

interface OrderRow {
  _id: string;
  storeName: string;
  /** shown under the store when it says something else */
  title: string;
  meta: string;
  amount: string;
  statusText: string;
  theme: string;
  payable: boolean;
}

function toRow(order: MyOrderSummary): OrderRow {
  const storeName = order.storeName || order.title;
  return {
    _id: order._id,
    storeName,
    title: order.title === storeName ? '' : order.title,
    meta: [formatDateTime(order.createdAt), order.itemCount ? `共 ${order.itemCount} 件` : ''].filter(Boolean).join(' · '),
    amount: formatFen(order.paidFen ?? order.totalFen),
    statusText: order.statusText,
    theme: orderStatusTheme(order.status),
    payable: order.payable,
  };
}

// The tab is shown often: keep the list on screen while refreshing; the spinner only the first time.
const list = pagedList({
  key: 'orders',
  fetch: (_page, pageNo, pageSize) => listMyOrders(pageNo, pageSize),
  toRow,
  keepRowsWhileRefreshing: true,
  // a new order shifts the others down a page: do not show one twice when loading more
  rowId: (row) => row._id,
});

type OrderTap = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>;

/** 订单 tab: the diner's orders, refreshed whenever the tab is shown; tap for the detail, 去支付 for unpaid ones. */
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

  onOrderTap(e: OrderTap) {
    wx.navigateTo({ url: withQuery(ROUTES.orderDetail, { orderId: e.currentTarget.dataset.id }) });
  },

  onPayTap(e: OrderTap) {
    wx.navigateTo({ url: withQuery(ROUTES.paymentCheckout, { orderId: e.currentTarget.dataset.id }) });
  },

  onGoHome() {
    wx.switchTab({ url: TAB_ROUTES.home });
  },
});
