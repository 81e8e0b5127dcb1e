import { listPayments, METHOD_LABELS, STATUS_LABELS, type PaymentFilter, type PaymentStatus, type PaymentView } from '../../../../services/payment';
import { ROUTES, withQuery } from '../../../../config/routes';
import { formatDateTime, formatFen, orderNumber } from '../../../../utils/format';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';

interface Row {
  paymentId: string;
  title: string;
  description: string;
  amount: string;
  statusLabel: string;
  theme: 'primary' | 'success' | 'warning' | 'danger' | 'default';
  abnormal: boolean;
}

const THEMES: Record<PaymentStatus, Row['theme']> = {
  pending: 'warning',
  paid: 'success',
  closed: 'default',
  failed: 'danger',
  refunding: 'warning',
  refunded: 'default',
  partially_refunded: 'primary',
};

function toRow(p: PaymentView): Row {
  return {
    paymentId: p.paymentId,
    title: `${METHOD_LABELS[p.method]} · 订单 ${orderNumber(p.orderId)}`,
    description: formatDateTime(p.createdAt),
    amount: formatFen(p.payableFen),
    statusLabel: STATUS_LABELS[p.status],
    theme: THEMES[p.status],
    abnormal: !!p.abnormal,
  };
}

function filterOf(tab: string, page: number, pageSize: number): PaymentFilter {
  const base: PaymentFilter = { page, pageSize };
  if (tab === 'abnormal') return { ...base, abnormalOnly: true };
  if (tab === 'refunds') return { ...base, status: 'partially_refunded' };
  if (tab === 'pending' || tab === 'paid') return { ...base, status: tab };
  return base;
}

const list = pagedList({
  key: 'rows',
  fetch: (page, pageNo, pageSize) => listPayments(filterOf(page.data.tab as string, pageNo, pageSize)),
  toRow,
  keepRowsWhileRefreshing: true,
});

/** 支付记录 (staff): filter by status / abnormal; tap for refund or cash confirmation. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    tab: 'all',
    tabs: [
      { value: 'all', label: '全部' },
      { value: 'pending', label: '待支付' },
      { value: 'paid', label: '已支付' },
      { value: 'refunds', label: '退款' },
      { value: 'abnormal', label: '异常' },
    ],
    rows: [] as Row[],
  },

  ...list,

  onShow() {
    void this.refresh();
  },

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ tab: event.detail.value, rows: [] });
    void this.refresh();
  },

  onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminPaymentDetail, { paymentId: event.currentTarget.dataset.id }) });
  },
});
