import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import {
  confirmPayScore,
  createPayment,
  METHOD_LABELS,
  payWithTickets,
  quote,
  requestWxPayment,
  type PaymentMethod,
  type PaymentQuote,
} from '../../../services/payment';
import { ROUTES, withQuery } from '../../../config/routes';
import { toast, toastError } from '../../../utils/feedback';
import { formatCount, formatFen } from '../../../utils/format';
import { discountLabel } from '../../../utils/labels/member';

interface MethodOption {
  value: PaymentMethod;
  label: string;
  description: string;
  disabled: boolean;
}

function methodOptions(q: PaymentQuote): MethodOption[] {
  return q.methods.map((method) => {
    if (method === 'tickets') {
      return {
        value: method,
        label: METHOD_LABELS.tickets,
        description: `需 ${formatCount(q.tickets.required)} 张，余额 ${formatCount(q.tickets.balance)} 张${q.tickets.enough ? '' : '（不足）'}`,
        disabled: !q.tickets.enough,
      };
    }
    if (method === 'cash') return { value: method, label: METHOD_LABELS.cash, description: '到收银台付款，店员确认后完成', disabled: false };
    if (method === 'payscore') return { value: method, label: METHOD_LABELS.payscore, description: '先享后付，取货后自动扣款', disabled: false };
    return { value: method, label: METHOD_LABELS.wechat, description: '使用微信零钱或银行卡', disabled: false };
  });
}

/** 支付方式选择: the member price, then WeChat Pay / 礼票 / 到店现金. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    orderId: '',
    original: '',
    discount: '',
    final: '',
    hasDiscount: false,
    levelName: '',
    rateText: '',
    options: [] as MethodOption[],
    method: 'wechat' as PaymentMethod,
    paying: false,
    ticketsRequired: '',
    confirmTickets: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ orderId: query.orderId ?? '' });
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
    this.setData({ status: 'loading', errorText: '' });
    try {
      const q = await quote(this.data.orderId);
      if (!q.payable) {
        this.setData({ status: 'error', errorText: '该订单当前不可支付（可能已支付或已关闭）' });
        return;
      }
      const options = methodOptions(q);
      const first = options.find((o) => !o.disabled)?.value ?? 'wechat';
      this.setData({
        status: 'ready',
        original: formatFen(q.quote.original),
        discount: formatFen(q.quote.discount),
        final: formatFen(q.quote.final),
        hasDiscount: q.quote.discount > 0,
        levelName: q.level.name,
        rateText: discountLabel(q.quote.rate),
        options,
        method: first,
        ticketsRequired: formatCount(q.tickets.required),
      });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  onMethodChange(event: WechatMiniprogram.CustomEvent<{ value: PaymentMethod }>) {
    this.setData({ method: event.detail.value });
  },

  async onPay() {
    if (this.data.paying) return;
    if (this.data.method === 'tickets' && !this.data.confirmTickets) {
      this.setData({ confirmTickets: true });
      return;
    }
    this.setData({ paying: true, confirmTickets: false });
    try {
      const created = await createPayment(this.data.orderId, this.data.method);
      const paymentId = created.payment.paymentId;
      if (this.data.method === 'wechat' && created.wxPayment) {
        try {
          await requestWxPayment(paymentId, created.wxPayment);
        } catch (error) {
          // Cancelled or failed in the cashier: stay here so the diner can choose again.
          toast(this, errorMessage(error), 'warning');
          return;
        }
      } else if (this.data.method === 'tickets') {
        await payWithTickets(paymentId);
      } else if (this.data.method === 'payscore' && created.payScore) {
        try {
          await confirmPayScore(created.payScore);
        } catch (error) {
          // Backed out of the Pay Score page: nothing was confirmed, the diner may choose again.
          toast(this, errorMessage(error), 'warning');
          return;
        }
      }
      wx.redirectTo({ url: withQuery(ROUTES.paymentResult, { paymentId }) });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ paying: false });
    }
  },

  onCancelTickets() {
    this.setData({ confirmTickets: false });
  },
});
