import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage } from '../../../../services/errors';
import {
  abnormalReasonLabel,
  confirmCash,
  eventSourceLabel,
  eventTitle,
  getPaymentDetail,
  METHOD_LABELS,
  recordPayScoreRefund,
  refund,
  refundAbnormal,
  REFUND_STATUS_LABELS,
  STATUS_LABELS,
  type PaymentView,
  type RefundResult,
} from '../../../../services/payment';
import { toast, toastError } from '../../../../utils/feedback';
import { formatDateTime, formatFen, orderNumber, yuanTextToFen } from '../../../../utils/format';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';
import { ROUTES, withQuery } from '../../../../config/routes';

type RefundKind = 'refund' | 'abnormal' | 'payscore';

const REFUND_TITLES: Record<RefundKind, string> = { refund: '退款', abnormal: '退还异常款项', payscore: '登记商户平台退款' };

const PAYSCORE_REFUND_HINT = '支付分订单不能在此退款：请在微信支付商户平台退款，再点下方按钮登记，积分与订单退款状态随之更新（不登记则积分不会扣回）。';

/** What the notice says about money WeChat collected that was not booked, per reason. */
function abnormalNotice(payment: PaymentView): string {
  const abnormal = payment.abnormal;
  if (!abnormal) return '';
  const label = abnormalReasonLabel(abnormal.reason);
  const reported = formatFen(abnormal.reportedFen);
  if (abnormal.reason === 'order_already_paid') return `${label}：这笔 ${reported} 未计入订单，请退款`;
  const what =
    abnormal.reason === 'amount_mismatch'
      ? `${label}：微信实收 ${reported}，应付 ${formatFen(payment.payableFen)}，未入账`
      : `${label}：微信实收 ${reported}，未入账`;
  if (abnormal.refundedFen >= abnormal.reportedFen) return `${what}，已全部退还`;
  if (abnormal.refunding) return `${what}，退还处理中`;
  return `${what}，请核实后退还`;
}

/** Unbooked money that can go back with refundAbnormal (a booked duplicate is refunded the ordinary way). */
function abnormalRemainingFen(payment: PaymentView): number {
  const abnormal = payment.abnormal;
  if (!abnormal || abnormal.reason === 'order_already_paid' || abnormal.refunding) return 0;
  if (payment.method !== 'wechat' && payment.method !== 'payscore') return 0;
  if (payment.status !== 'pending' && payment.status !== 'closed' && payment.status !== 'failed') return 0;
  return Math.max(0, abnormal.reportedFen - abnormal.refundedFen);
}

/**
 * 支付详情 (staff): status history, refunds, and the actions 确认收款 / 退款 (full or partial) /
 * 退还异常款项 (money not booked) / 已在商户平台退款 (Pay Score, recorded after the merchant platform).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    paymentId: '',
    payment: null as PaymentView | null,
    methodLabel: '',
    statusLabel: '',
    amount: '',
    discount: '',
    refunded: '',
    remaining: '',
    remainingFen: 0,
    canRefund: false,
    canConfirmCash: false,
    abnormalText: '',
    abnormalRemaining: '',
    canRefundAbnormal: false,
    payScoreHint: '',
    canRecordPayScoreRefund: false,
    canSettlePayScore: false,
    orderNo: '',
    events: [] as { title: string; time: string; source: string }[],
    refunds: [] as { refundId: string; amount: string; statusLabel: string; reason: string; time: string }[],
    refundVisible: false,
    refundKind: 'refund' as RefundKind,
    refundTitle: REFUND_TITLES.refund,
    refundConfirmText: '确认退款',
    refundMode: 'full',
    refundAmount: '',
    refundReason: '',
    refundError: '',
    busy: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ paymentId: query.paymentId ?? '' });
    void this.load();
  },

  onShow() {
    // back from 完结 / 取消 (payscore page): show the new state
    if (this.data.status === 'ready') void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    try {
      // What the buttons offer depends on the role: a clerk sees no 退款 (managers and admins only).
      const [{ payment, refunds, events }, { role }] = await Promise.all([getPaymentDetail(this.data.paymentId), loadSession()]);
      const remainingFen = payment.payableFen - payment.refundedFen;
      const refundable = payment.status === 'paid' || payment.status === 'partially_refunded';
      const abnormalFen = abnormalRemainingFen(payment);
      this.setData({
        status: 'ready',
        payment,
        methodLabel: METHOD_LABELS[payment.method],
        statusLabel: STATUS_LABELS[payment.status],
        amount: formatFen(payment.payableFen),
        discount: payment.discountFen ? formatFen(payment.discountFen) : '',
        refunded: formatFen(payment.refundedFen),
        remaining: formatFen(remainingFen),
        remainingFen,
        orderNo: orderNumber(payment.orderId),
        canRefund: refundable && payment.method !== 'payscore' && can(role, 'payment.refund'),
        canConfirmCash: payment.method === 'cash' && payment.status === 'pending',
        abnormalText: abnormalNotice(payment),
        abnormalRemaining: formatFen(abnormalFen),
        canRefundAbnormal: abnormalFen > 0 && can(role, 'payment.refundAbnormal'),
        payScoreHint: payment.method === 'payscore' && payment.status !== 'pending' && payment.status !== 'closed' ? PAYSCORE_REFUND_HINT : '',
        canRecordPayScoreRefund: refundable && payment.method === 'payscore' && can(role, 'payment.recordPayScoreRefund'),
        // a Pay Score order the diner confirmed waits for staff to complete (charge) or cancel it
        canSettlePayScore: payment.method === 'payscore' && payment.status === 'pending' && can(role, 'payment.completePayScore'),
        events: events.map((e) => ({ title: eventTitle(e), time: formatDateTime(e.at), source: eventSourceLabel(e.source) })),
        refunds: refunds.map((r) => ({
          refundId: r.refundId,
          amount: formatFen(r.refundFen),
          statusLabel: `${r.kind === 'abnormal' ? '退还异常款项 · ' : r.external ? '商户平台退款 · ' : ''}${REFUND_STATUS_LABELS[r.status]}`,
          reason: r.reason,
          time: formatDateTime(r.createdAt),
        })),
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  async onConfirmCash() {
    if (this.data.busy) return;
    this.setData({ busy: true });
    try {
      const result = await confirmCash(this.data.paymentId);
      toast(this, `已确认收款，顾客获得 ${result.points} 积分`, 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: false });
    }
  },

  onOpenPayScore() {
    wx.navigateTo({ url: withQuery(ROUTES.adminPayScore, { paymentId: this.data.paymentId }) });
  },

  onOpenRefund() {
    this.openRefund('refund');
  },

  onOpenAbnormalRefund() {
    this.openRefund('abnormal');
  },

  onOpenPayScoreRefund() {
    this.openRefund('payscore');
  },

  openRefund(kind: RefundKind) {
    this.setData({
      refundVisible: true,
      refundKind: kind,
      refundTitle: REFUND_TITLES[kind],
      refundConfirmText: kind === 'payscore' ? '确认登记' : '确认退款',
      refundMode: 'full',
      refundAmount: '',
      refundReason: '',
      refundError: '',
    });
  },

  onCloseRefund() {
    this.setData({ refundVisible: false });
  },

  onRefundMode(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ refundMode: event.detail.value, refundError: '' });
  },

  onRefundAmount(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ refundAmount: event.detail.value, refundError: '' });
  },

  onRefundReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ refundReason: event.detail.value, refundError: '' });
  },

  async onSubmitRefund() {
    if (this.data.busy) return;
    const reason = this.data.refundReason.trim();
    if (reason.length < 2) {
      this.setData({ refundError: '请填写退款原因（至少 2 个字）' });
      return;
    }
    const kind = this.data.refundKind;
    let refundFen: number | undefined;
    if (kind !== 'abnormal' && this.data.refundMode === 'partial') {
      const fen = yuanTextToFen(this.data.refundAmount);
      if (!fen || fen > this.data.remainingFen) {
        this.setData({ refundError: `请输入 0.01 ~ ${this.data.remaining.slice(1)} 元之间的金额` });
        return;
      }
      refundFen = fen;
    }
    this.setData({ busy: true });
    try {
      const paymentId = this.data.paymentId;
      const result: RefundResult =
        kind === 'abnormal'
          ? await refundAbnormal(paymentId, reason)
          : kind === 'payscore'
            ? await recordPayScoreRefund(paymentId, reason, refundFen)
            : await refund(paymentId, reason, refundFen);
      this.setData({ refundVisible: false });
      const amount = formatFen(result.refundFen);
      const done = kind === 'payscore' ? `已登记商户平台退款 ${amount}` : `已退款 ${amount}`;
      toast(this, result.status === 'succeeded' ? done : `退款 ${amount} 已提交，等待微信处理`, 'success');
      await this.load();
    } catch (error) {
      this.setData({ refundError: errorMessage(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
