import type { PageStatus } from '../../../components/page-state/index';
import { endedWithoutCharge, getSession, isSettled, sessionErrorState, type SessionState, type SessionView } from '../../../services/cabinet';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatCount, formatDateTime, formatFen } from '../../../utils/format';
import { paidHowText, SESSION_STATE_TEXT, SESSION_STATE_THEMES } from '../../../utils/labels/cabinet';

const POLL_MS = 2000;
/** A session still settling when the page opens is asked again this many times, then left to 订单. */
const MAX_POLLS = 15;

interface ItemRow {
  key: string;
  name: string;
  quantity: string;
  subtotal: string;
}

/**
 * 结算结果 (`?sessionId=`): what the diner took (items, amounts) and how it was paid (支付分 /
 * 礼票 / 礼票 + 微信支付 for the remainder), with 去支付 while money is still due. A session
 * still settling is polled briefly.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    sessionId: '',
    state: 'settling' as SessionState,
    title: '',
    description: '',
    theme: 'default',
    settling: false,
    items: [] as ItemRow[],
    total: '',
    paidHow: '',
    ticketPart: '',
    wechatPart: '',
    duePart: '',
    points: '',
    paidAt: '',
    orderId: '',
    orderNumber: '',
    deviceName: '',
    storeName: '',
  },

  polls: 0,
  timer: 0 as unknown as number,

  onLoad(query: Record<string, string | undefined>) {
    const sessionId = query.sessionId ?? '';
    this.setData({ sessionId });
    if (!sessionId) this.setData({ status: 'error', errorText: '缺少购物记录参数', retryable: false });
  },

  onShow() {
    // also when back from 去支付: the order may be paid now
    if (this.data.sessionId && this.data.retryable) void this.load();
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
    clearTimeout(this.timer);
    try {
      const session = await getSession(this.data.sessionId);
      this.show(session);
      if (!isSettled(session) && this.polls < MAX_POLLS) {
        this.polls += 1;
        this.timer = setTimeout(() => void this.load(), POLL_MS) as unknown as number;
      }
    } catch (error) {
      this.setData(sessionErrorState(error));
    }
  },

  show(session: SessionView) {
    const settled = isSettled(session);
    const text = SESSION_STATE_TEXT[session.state];
    const order = session.order;
    const split = order?.split;
    const ended = endedWithoutCharge(session.state);
    this.setData({
      status: 'ready',
      state: session.state,
      title: settled ? text.title : '正在结算',
      description: !settled ? '请稍候，结算完成后自动显示' : ended && session.endReason ? `${session.endReason}，本次没有扣款` : text.hint,
      theme: SESSION_STATE_THEMES[session.state],
      settling: !settled,
      items: (order?.items ?? []).map((item) => ({
        key: item.sku,
        name: item.name,
        quantity: `${formatFen(item.unitPriceFen)} × ${item.quantity}`,
        subtotal: formatFen(item.amountFen),
      })),
      total: order ? formatFen(order.totalFen) : '',
      paidHow: split && settled && !ended ? paidHowText(split) : '',
      ticketPart: split && split.ticketFen > 0 ? `${formatFen(split.ticketFen)}（${formatCount(split.ticketsSpent)} 张）` : '',
      wechatPart: split && split.wechatFen > 0 ? formatFen(split.wechatFen) : '',
      duePart: split && split.dueFen > 0 ? formatFen(split.dueFen) : '',
      points: order && order.pointsEarned > 0 ? `+${formatCount(order.pointsEarned)}` : '',
      paidAt: formatDateTime(order?.paidAt),
      orderId: order?.orderId ?? '',
      orderNumber: order?.orderNumber ?? '',
      deviceName: session.deviceName || session.deviceCode,
      storeName: session.storeName ?? '',
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
