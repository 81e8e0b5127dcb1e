import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage } from '../../../../services/errors';
import { confirmCash, getPaymentDetail, METHOD_LABELS, refund, REFUND_STATUS_LABELS, STATUS_LABELS, type PaymentView } from '../../../../services/payment';
import { toast, toastError } from '../../../../utils/feedback';
import { formatDateTime, formatFen } from '../../../../utils/format';

const EVENT_LABELS: Record<string, string> = {
  created: '创建支付单',
  pay_succeeded: '支付成功',
  pay_failed: '支付失败',
  closed: '已关闭',
  refund_requested: '发起退款',
  refund_succeeded: '退款成功',
  refund_failed: '退款失败',
  amount_mismatch: '金额不符（异常）',
};

/** "12.3" → 1230 fen, exactly (no float multiply); null when not a yuan amount with ≤ 2 decimals. */
function yuanTextToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 支付详情 (staff): status history, refunds, and the actions 确认收款 / 退款 (full or partial). */
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
    events: [] as { title: string; time: string; source: string }[],
    refunds: [] as { refundId: string; amount: string; statusLabel: string; reason: string; time: string }[],
    refundVisible: false,
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

  onRetry() {
    void this.load();
  },

  async load() {
    try {
      const { payment, refunds, events } = await getPaymentDetail(this.data.paymentId);
      const remainingFen = payment.payableFen - payment.refundedFen;
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
        canRefund: (payment.status === 'paid' || payment.status === 'partially_refunded') && payment.method !== 'payscore',
        canConfirmCash: payment.method === 'cash' && payment.status === 'pending',
        abnormalText: payment.abnormal
          ? `微信通知金额 ${formatFen(payment.abnormal.reportedFen)} 与应付 ${formatFen(payment.payableFen)} 不符，未入账，请核实`
          : '',
        events: events.map((e) => ({ title: EVENT_LABELS[e.type] ?? e.type, time: formatDateTime(e.at), source: e.source })),
        refunds: refunds.map((r) => ({
          refundId: r.refundId,
          amount: formatFen(r.refundFen),
          statusLabel: REFUND_STATUS_LABELS[r.status],
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

  onOpenRefund() {
    this.setData({ refundVisible: true, refundMode: 'full', refundAmount: '', refundReason: '', refundError: '' });
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
    let refundFen: number | undefined;
    if (this.data.refundMode === 'partial') {
      const fen = yuanTextToFen(this.data.refundAmount);
      if (!fen || fen > this.data.remainingFen) {
        this.setData({ refundError: `请输入 0.01 ~ ${this.data.remaining.slice(1)} 元之间的金额` });
        return;
      }
      refundFen = fen;
    }
    this.setData({ busy: true });
    try {
      const result = await refund(this.data.paymentId, reason, refundFen);
      this.setData({ refundVisible: false });
      toast(
        this,
        result.status === 'succeeded' ? `已退款 ${formatFen(result.refundFen)}` : `退款 ${formatFen(result.refundFen)} 已提交，等待微信处理`,
        'success',
      );
      await this.load();
    } catch (error) {
      this.setData({ refundError: errorMessage(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
