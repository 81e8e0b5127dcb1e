import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage, isApiError } from '../../../services/errors';
import { getMyOrder, orderStatusTheme, type MyOrderDetail } from '../../../services/ordering';
import { getPayment, METHOD_LABELS, REFUND_STATUS_LABELS, STATUS_LABELS, type PaymentWithRefunds } from '../../../services/payment';
import { ROUTES, withQuery } from '../../../config/routes';
import { formatCount, formatDateTime, formatFen, orderNumber } from '../../../utils/format';

interface ItemRow {
  name: string;
  quantity: string;
  subtotal: string;
}

interface RefundRow {
  refundId: string;
  amount: string;
  statusLabel: string;
  theme: 'success' | 'warning' | 'danger';
  reason: string;
  time: string;
}

/**
 * 订单详情 (`?orderId=`): the order and its items (ordering.getMyOrder), its payment and refunds
 * (payment.getPayment), and 去支付 while the order is unpaid.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    orderId: '',
    orderNo: '',
    storeName: '',
    title: '',
    orderStatus: '',
    orderTheme: 'default',
    createdAt: '',
    sourceText: '',
    items: [] as ItemRow[],
    total: '',
    hasPayment: false,
    paymentStatus: '',
    payable: false,
    methodLabel: '',
    amount: '',
    discount: '',
    paidAt: '',
    refunded: '',
    refunds: [] as RefundRow[],
    cabinetDevice: '',
    cabinetTickets: '',
    cabinetWechat: '',
    cabinetWechatTitle: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ orderId: query.orderId ?? '' });
  },

  onShow() {
    // Back from 支付: the order may be paid now.
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    if (!this.data.orderId) {
      this.setData({ status: 'error', errorText: '缺少订单号' });
      return;
    }
    try {
      const [order, { payment, refunds }] = await Promise.all([getMyOrder(this.data.orderId), paymentOf(this.data.orderId)]);
      this.setData({
        status: 'ready',
        storeName: order.storeName,
        title: order.title === order.storeName ? '' : order.title,
        orderStatus: order.statusText,
        orderTheme: orderStatusTheme(order.status),
        // one formatter for every time on the page (Asia/Shanghai), so 下单时间 and 支付时间 agree
        createdAt: formatDateTime(order.createdAt),
        orderNo: orderNumber(order._id),
        sourceText: order.sourceText,
        items: order.items.map((item) => ({ name: item.name, quantity: `× ${item.qty}`, subtotal: formatFen(item.subtotalFen) })),
        total: formatFen(order.totalFen),
        // the payment function decides for real; a pending, closed or failed payment can be paid again
        payable: order.payable,
        hasPayment: Boolean(payment),
        ...cabinetRows(order),
      });
      if (!payment) {
        // paid without a payment record (a smart-cabinet order settled in gift tickets): the order's own fields
        this.setData({
          refunds: [],
          hasPayment: !!order.paidAt,
          paymentStatus: order.statusText,
          methodLabel: order.paymentMethodText || (order.cabinet?.ticketFen ? '礼票' : ''),
          amount: formatFen(order.paidFen ?? order.totalFen),
          discount: '',
          paidAt: formatDateTime(order.paidAt),
          refunded: '',
        });
        return;
      }
      this.setData({
        paymentStatus: STATUS_LABELS[payment.status],
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
    wx.navigateTo({ url: withQuery(ROUTES.paymentCheckout, { orderId: this.data.orderId }) });
  },
});

/** A smart-cabinet order: its device and how gift tickets and WeChat split the total (empty for other orders). */
function cabinetRows(order: MyOrderDetail) {
  const cabinet = order.cabinet;
  if (!cabinet) return { cabinetDevice: '', cabinetTickets: '', cabinetWechat: '', cabinetWechatTitle: '' };
  const wechatFen = Math.max(cabinet.wechatFen, order.totalFen - cabinet.ticketFen);
  return {
    cabinetDevice: cabinet.deviceCode,
    cabinetTickets: cabinet.ticketFen > 0 ? `${formatFen(cabinet.ticketFen)}（${formatCount(cabinet.ticketsSpent)} 张）` : '',
    cabinetWechat: wechatFen > 0 ? formatFen(wechatFen) : '',
    cabinetWechatTitle: order.status === 'pending' ? '待微信支付' : '微信支付',
  };
}

/**
 * The order's payment and refunds. A smart-cabinet order paid entirely in gift tickets has no
 * payment record (payment answers 404-class): the page then shows the order's own payment fields.
 */
async function paymentOf(orderId: string): Promise<Pick<PaymentWithRefunds, 'payment' | 'refunds'>> {
  try {
    return await getPayment({ orderId });
  } catch (error) {
    if (isApiError(error) && Math.floor(error.code / 100) === 404) return { payment: null, refunds: [] };
    throw error;
  }
}
