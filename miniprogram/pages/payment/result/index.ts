import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import { getPayment, METHOD_LABELS, STATUS_LABELS, type PaymentView } from '../../../services/payment';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatCount, formatFen } from '../../../utils/format';

const POLL_INTERVAL_MS = 2000;
const MAX_POLLS = 15;

type Outcome = 'success' | 'pending' | 'failure';

function outcomeOf(payment: PaymentView): Outcome {
  if (payment.status === 'pending') return 'pending';
  if (payment.status === 'closed' || payment.status === 'failed') return 'failure';
  return 'success';
}

const TITLES: Record<Outcome, string> = { success: '支付成功', pending: '支付确认中', failure: '支付未完成' };
const PENDING_OFFLINE_TITLES = { cash: '请到收银台付款', payscore: '已开通先享后付' } as const;

/**
 * 支付结果: WeChat confirms payments asynchronously (the callback), so a fresh payment may still
 * be pending here; the page polls until it settles, then offers the way on.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    paymentId: '',
    orderId: '',
    outcome: 'pending' as Outcome,
    title: '',
    description: '',
    amount: '',
    methodLabel: '',
    statusLabel: '',
    points: 0,
    polling: false,
  },

  polls: 0,
  timer: 0 as unknown as number,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ paymentId: query.paymentId ?? '' });
    void this.check();
  },

  onUnload() {
    clearTimeout(this.timer);
  },

  onRetry() {
    this.polls = 0;
    void this.check();
  },

  async check() {
    if (!this.data.paymentId) {
      this.setData({ status: 'error', errorText: '缺少支付单号' });
      return;
    }
    try {
      const { payment } = await getPayment({ paymentId: this.data.paymentId });
      if (!payment) throw new Error('支付单不存在');
      const outcome = outcomeOf(payment);
      // Cash waits for the clerk and Pay Score for the goods taken: neither settles while the diner watches.
      const waitsOffline = payment.method === 'cash' || payment.method === 'payscore';
      const stillWaiting = outcome === 'pending' && !waitsOffline && this.polls < MAX_POLLS;
      this.setData({
        status: 'ready',
        orderId: payment.orderId,
        outcome,
        title: outcome === 'pending' && waitsOffline ? PENDING_OFFLINE_TITLES[payment.method as 'cash' | 'payscore'] : TITLES[outcome],
        description: describe(payment, outcome, stillWaiting),
        amount: formatFen(payment.payableFen),
        methodLabel: METHOD_LABELS[payment.method],
        statusLabel: STATUS_LABELS[payment.status],
        points: payment.pointsEarned ?? 0,
        polling: stillWaiting,
      });
      if (stillWaiting) {
        this.polls += 1;
        this.timer = setTimeout(() => void this.check(), POLL_INTERVAL_MS) as unknown as number;
      }
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onViewOrder() {
    wx.redirectTo({ url: withQuery(ROUTES.orderDetail, { orderId: this.data.orderId }) });
  },

  onBackHome() {
    wx.switchTab({ url: TAB_ROUTES.home });
  },
});

function describe(payment: PaymentView, outcome: Outcome, waiting: boolean): string {
  if (outcome === 'success') return payment.pointsEarned ? `本单获得 ${formatCount(payment.pointsEarned)} 积分` : '感谢惠顾';
  if (outcome === 'failure') return '订单未支付，可返回重新选择支付方式';
  if (payment.method === 'cash') return '店员确认收款后，订单即完成';
  if (payment.method === 'payscore') return '取货后按实际商品自动扣款，可在订单详情查看';
  return waiting ? '正在等待微信支付结果…' : '暂未收到支付结果，请稍后在订单详情查看';
}
