import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage } from '../../../../services/errors';
import { listPayments, METHOD_LABELS, STATUS_LABELS, type PaymentFilter, type PaymentStatus, type PaymentView } from '../../../../services/payment';
import { toastError } from '../../../../utils/feedback';
import { formatDateTime, formatFen } from '../../../../utils/format';

const PAGE_SIZE = 20;

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
    title: `${METHOD_LABELS[p.method]} · 订单 ${p.orderId}`,
    description: formatDateTime(p.createdAt),
    amount: formatFen(p.payableFen),
    statusLabel: STATUS_LABELS[p.status],
    theme: THEMES[p.status],
    abnormal: !!p.abnormal,
  };
}

/** 支付记录 (staff): filter by status / abnormal; tap for refund or cash confirmation. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    tab: 'all',
    tabs: [
      { value: 'all', label: '全部' },
      { value: 'pending', label: '待支付' },
      { value: 'paid', label: '已支付' },
      { value: 'refunds', label: '退款' },
      { value: 'abnormal', label: '异常' },
    ],
    rows: [] as Row[],
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  onShow() {
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

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ tab: event.detail.value, rows: [] });
    void this.refresh();
  },

  filter(page: number): PaymentFilter {
    const tab = this.data.tab;
    const base: PaymentFilter = { page, pageSize: PAGE_SIZE };
    if (tab === 'abnormal') return { ...base, abnormalOnly: true };
    if (tab === 'refunds') return { ...base, status: 'partially_refunded' };
    if (tab === 'pending' || tab === 'paid') return { ...base, status: tab };
    return base;
  },

  async refresh() {
    if (!this.data.rows.length) this.setData({ status: 'loading', errorText: '' });
    try {
      const result = await listPayments(this.filter(1));
      const rows = result.items.map(toRow);
      this.setData({ rows, page: 1, hasMore: result.hasMore, status: rows.length ? 'ready' : 'empty' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error), rows: [] });
    }
  },

  async loadMore() {
    if (!this.data.hasMore || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const result = await listPayments(this.filter(next));
      this.setData({ rows: [...this.data.rows, ...result.items.map(toRow)], page: next, hasMore: result.hasMore });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    wx.navigateTo({ url: `/admin/pages/payments/detail/index?paymentId=${event.currentTarget.dataset.id}` });
  },
});
