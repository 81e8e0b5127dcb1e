import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import { getPayment, METHOD_LABELS, REFUND_STATUS_LABELS, STATUS_LABELS } from '../../../services/payment';
import { formatDateTime, formatFen } from '../../../utils/format';

interface RefundRow {
  refundId: string;
  amount: string;
  statusLabel: string;
  theme: 'success' | 'warning' | 'danger';
  reason: string;
  time: string;
}

/** 订单详情: the order's payment and its refunds (退款状态). */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    orderId: '',
    hasPayment: false,
    paymentStatus: '',
    payable: false,
    methodLabel: '',
    amount: '',
    discount: '',
    paidAt: '',
    refunded: '',
    refunds: [] as RefundRow[],
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ orderId: query.orderId ?? '' });
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    if (!this.data.orderId) {
      this.setData({ status: 'error', errorText: '缺少订单号' });
      return;
    }
    try {
      const { payment, refunds, orderStatus } = await getPayment({ orderId: this.data.orderId });
      if (!payment) {
        this.setData({ status: 'ready', hasPayment: false, payable: orderStatus === 'pending' || orderStatus === 'pending_payment' });
        return;
      }
      this.setData({
        status: 'ready',
        hasPayment: true,
        paymentStatus: STATUS_LABELS[payment.status],
        payable: payment.status === 'pending' || payment.status === 'closed' || payment.status === 'failed',
        methodLabel: METHOD_LABELS[payment.method],
        amount: formatFen(payment.payableFen),
        discount: payment.discountFen ? formatFen(payment.discountFen) : '',
        paidAt: formatDateTime(payment.paidAt),
        refunded: payment.refundedFen ? formatFen(payment.refundedFen) : '',
        refunds: refunds.map((r) => ({
          refundId: r.refundId,
          amount: formatFen(r.refundFen),
          statusLabel: REFUND_STATUS_LABELS[r.status],
          theme: r.status === 'succeeded' ? 'success' : r.status === 'failed' ? 'danger' : 'warning',
          reason: r.reason,
          time: formatDateTime(r.completedAt ?? r.createdAt),
        })),
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onPay() {
    wx.navigateTo({ url: `/pages/payment/checkout/index?orderId=${this.data.orderId}` });
  },
});
