import type { PageStatus } from '../../../components/page-state/index';
import { getDoorSession, isFinalSession, sessionErrorState, type DoorSessionView, type SessionStatus } from '../../../services/cabinet';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatDateTime, formatFen } from '../../../utils/format';
import { endReasonText, paidHowText, SESSION_STATUS_TEXT } from '../../../utils/labels/cabinet';

const POLL_MS = 2000;
/** A session still settling when the page opens is asked again this many times, then left to 订单. */
const MAX_POLLS = 15;

interface ItemRow {
  name: string;
  quantity: string;
  subtotal: string;
}

const THEMES: Record<SessionStatus, 'success' | 'warning' | 'default'> = {
  opening: 'default',
  opened: 'default',
  closed: 'default',
  settling: 'default',
  paid: 'success',
  unpaid: 'warning',
  review: 'warning',
  ended: 'default',
};

/**
 * 结算结果 (`?sessionId=`): what the diner took (items, amounts) and how it was paid (支付分 /
 * 礼票 / 礼票 + 微信支付 for the remainder). A session still settling is polled briefly.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    sessionId: '',
    sessionStatus: 'settling' as SessionStatus,
    title: '',
    description: '',
    theme: 'default',
    settling: false,
    items: [] as ItemRow[],
    total: '',
    paidHow: '',
    ticketPart: '',
    wechatPart: '',
    paidAt: '',
    orderId: '',
    deviceName: '',
    storeName: '',
  },

  polls: 0,
  timer: 0 as unknown as number,

  onLoad(query: Record<string, string | undefined>) {
    const sessionId = query.sessionId ?? '';
    this.setData({ sessionId });
    if (!sessionId) {
      this.setData({ status: 'error', errorText: '缺少购物记录参数', retryable: false });
      return;
    }
    void this.load();
  },

  onUnload() {
    clearTimeout(this.timer);
  },

  onRetry() {
    this.polls = 0;
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      const session = await getDoorSession(this.data.sessionId);
      this.show(session);
      if (!isFinalSession(session.status) && this.polls < MAX_POLLS) {
        this.polls += 1;
        this.timer = setTimeout(() => void this.load(), POLL_MS) as unknown as number;
      }
    } catch (error) {
      this.setData(sessionErrorState(error));
    }
  },

  show(session: DoorSessionView) {
    const settled = session.status === 'paid' || session.status === 'unpaid';
    const text = SESSION_STATUS_TEXT[session.status];
    this.setData({
      status: 'ready',
      sessionStatus: session.status,
      title: isFinalSession(session.status) ? text.title : '正在结算',
      description: session.status === 'ended' ? endReasonText(session.endReason) : isFinalSession(session.status) ? text.hint : '请稍候，结算完成后自动显示',
      theme: THEMES[session.status],
      settling: !isFinalSession(session.status),
      items: session.items.map((item) => ({ name: item.name, quantity: `× ${item.qty}`, subtotal: formatFen(item.subtotalFen) })),
      total: formatFen(session.totalFen),
      paidHow: settled ? paidHowText(session) : '',
      ticketPart: session.ticketFen > 0 ? formatFen(session.ticketFen) : '',
      wechatPart: session.wechatFen > 0 ? formatFen(session.wechatFen) : '',
      paidAt: formatDateTime(session.paidAt),
      orderId: session.orderId ?? '',
      deviceName: session.deviceName || session.deviceCode,
      storeName: session.storeName,
    });
  },

  onPay() {
    wx.navigateTo({ url: withQuery(ROUTES.paymentCheckout, { orderId: this.data.orderId }) });
  },

  onViewOrder() {
    wx.navigateTo({ url: withQuery(ROUTES.orderDetail, { orderId: this.data.orderId }) });
  },

  onBackHome() {
    wx.switchTab({ url: TAB_ROUTES.home });
  },
});
