import type { PageStatus } from '../../../../components/page-state/index';
import { errorMessage } from '../../../../services/errors';
import { cancelPayScore, completePayScore, getPaymentDetail, STATUS_LABELS, type PayScoreLine } from '../../../../services/payment';
import { toast } from '../../../../utils/feedback';
import { formatFen, orderNumber, yuanTextToFen } from '../../../../utils/format';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';

interface LineInput {
  name: string;
  amount: string;
  count: string;
}

type Mode = 'complete' | 'cancel';

const EMPTY_LINE: LineInput = { name: '', amount: '', count: '1' };

/** The lines as the contract takes them, or the first problem in Chinese. */
function parseLines(lines: LineInput[]): PayScoreLine[] | string {
  const parsed: PayScoreLine[] = [];
  for (const [index, line] of lines.entries()) {
    const n = index + 1;
    const name = line.name.trim();
    if (!name || name.length > 20) return `第 ${n} 项：请填写商品名称（最多 20 个字）`;
    const amountFen = yuanTextToFen(line.amount);
    if (!amountFen) return `第 ${n} 项：请输入单价（元，最多两位小数）`;
    const count = Number(line.count);
    if (!Number.isInteger(count) || count < 1 || count > 999) return `第 ${n} 项：数量为 1–999 的整数`;
    parsed.push({ name, amountFen, count });
  }
  return parsed.length ? parsed : '请至少填写一项商品';
}

/**
 * 完结 / 取消支付分订单 (managers and admins, from 支付详情): completing charges the goods the
 * diner actually took (the backend applies the member discount); cancelling charges nothing.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    paymentId: '',
    orderNo: '',
    statusLabel: '',
    allowed: false,
    mode: 'complete' as Mode,
    lines: [{ ...EMPTY_LINE }] as LineInput[],
    totalText: '',
    reason: '',
    formError: '',
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
    this.setData({ status: 'loading' });
    try {
      const [{ payment }, { role }] = await Promise.all([getPaymentDetail(this.data.paymentId), loadSession()]);
      this.setData({
        status: 'ready',
        orderNo: orderNumber(payment.orderId),
        statusLabel: STATUS_LABELS[payment.status],
        allowed: payment.method === 'payscore' && payment.status === 'pending' && can(role, 'payment.completePayScore'),
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onMode(event: WechatMiniprogram.CustomEvent<{ value: Mode }>) {
    this.setData({ mode: event.detail.value, formError: '' });
  },

  onLineField(event: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number; field: keyof LineInput }>) {
    const { index, field } = event.currentTarget.dataset;
    const lines = this.data.lines.map((line, i) => (i === index ? { ...line, [field]: event.detail.value } : line));
    const parsed = parseLines(lines);
    const totalFen = typeof parsed === 'string' ? 0 : parsed.reduce((sum, l) => sum + l.amountFen * l.count, 0);
    this.setData({ lines, totalText: totalFen ? formatFen(totalFen) : '', formError: '' });
  },

  onAddLine() {
    this.setData({ lines: [...this.data.lines, { ...EMPTY_LINE }] });
  },

  onRemoveLine(event: WechatMiniprogram.BaseEvent<object, { index: number }>) {
    if (this.data.lines.length <= 1) return;
    this.setData({ lines: this.data.lines.filter((_line, i) => i !== event.currentTarget.dataset.index) });
  },

  onReason(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reason: event.detail.value, formError: '' });
  },

  async onSubmit() {
    if (this.data.busy) return;
    const { paymentId, mode } = this.data;
    const lines = mode === 'complete' ? parseLines(this.data.lines) : [];
    if (typeof lines === 'string') {
      this.setData({ formError: lines });
      return;
    }
    const reason = this.data.reason.trim();
    if (mode === 'cancel' && (reason.length < 2 || reason.length > 50)) {
      this.setData({ formError: '请填写取消原因（2–50 个字）' });
      return;
    }
    this.setData({ busy: true });
    try {
      if (mode === 'complete') {
        const done = await completePayScore(paymentId, lines);
        toast(this, `已完结，向顾客扣款 ${formatFen(done.payableFen)}${done.discountFen ? `（会员优惠 ${formatFen(done.discountFen)}）` : ''}`, 'success');
      } else {
        await cancelPayScore(paymentId, reason);
        toast(this, '已取消支付分订单，不向顾客扣款', 'success');
      }
      this.setData({ allowed: false });
      setTimeout(() => wx.navigateBack({ delta: 1 }), 1500);
    } catch (error) {
      this.setData({ formError: errorMessage(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
