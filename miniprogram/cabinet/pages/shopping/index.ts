import type { PageStatus } from '../../../components/page-state/index';
import { endedWithoutCharge, getSession, isSettled, sessionErrorState, type SessionState, type SessionView } from '../../../services/cabinet';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatFen } from '../../../utils/format';
import { PAY_METHOD_LABELS, SESSION_STATE_TEXT, SESSION_STATE_THEMES, SESSION_STEP } from '../../../utils/labels/cabinet';

/**
 * How often 购物中 asks for the session: fast while the door opens and settles (seconds matter to
 * a diner standing at the cabinet), slower while the door stands open (shopping takes a while).
 */
const POLL_MS = { fast: 1500, shopping: 3000 } as const;
/** Consecutive failed polls after which the page shows the error (with 重试) instead of waiting on. */
const MAX_POLL_FAILURES = 5;

/**
 * 购物中 (`?sessionId=`): follows the door session live (opening → opened → closed → settling →
 * paid / unpaid / under review, or ended without a charge) by polling cabinet.getSession. Polling
 * stops once the diner has nothing more to wait for, while the page is hidden (resumed on show:
 * back from 去支付 the state may have moved) and on unload.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    sessionId: '',
    state: 'opening' as SessionState,
    title: '',
    hint: '',
    theme: 'default',
    step: 0,
    settled: false,
    ended: false,
    deviceName: '',
    storeName: '',
    methodLabel: '',
    orderId: '',
    total: '',
  },

  timer: 0 as unknown as number,
  failures: 0,
  hidden: false,

  onLoad(query: Record<string, string | undefined>) {
    const sessionId = query.sessionId ?? '';
    this.setData({ sessionId });
    if (!sessionId) this.setData({ status: 'error', errorText: '缺少购物记录参数', retryable: false });
  },

  onShow() {
    this.hidden = false;
    if (this.data.sessionId && this.data.retryable) void this.poll();
  },

  onHide() {
    this.hidden = true;
    clearTimeout(this.timer);
  },

  onUnload() {
    this.hidden = true;
    clearTimeout(this.timer);
  },

  onRetry() {
    this.failures = 0;
    this.setData({ status: 'loading' });
    void this.poll();
  },

  async poll() {
    clearTimeout(this.timer);
    try {
      const session = await getSession(this.data.sessionId);
      this.failures = 0;
      if (this.hidden) return;
      this.show(session);
      if (!isSettled(session)) this.schedule(session.state === 'opened' ? POLL_MS.shopping : POLL_MS.fast);
    } catch (error) {
      this.failures += 1;
      const state = sessionErrorState(error);
      if (this.data.status !== 'ready' || !state.retryable || this.failures >= MAX_POLL_FAILURES) this.setData(state);
      else this.schedule(POLL_MS.shopping);
    }
  },

  schedule(ms: number) {
    if (this.hidden) return;
    this.timer = setTimeout(() => void this.poll(), ms) as unknown as number;
  },

  show(session: SessionView) {
    const text = SESSION_STATE_TEXT[session.state];
    const ended = endedWithoutCharge(session.state);
    this.setData({
      status: 'ready',
      state: session.state,
      title: text.title,
      // why the door did not open / the session failed comes from the backend, in Chinese
      hint: ended && session.endReason ? `${session.endReason}，本次没有扣款` : text.hint,
      theme: SESSION_STATE_THEMES[session.state],
      step: SESSION_STEP[session.state],
      settled: isSettled(session),
      ended,
      deviceName: session.deviceName || session.deviceCode,
      storeName: session.storeName ?? '',
      methodLabel: session.method ? PAY_METHOD_LABELS[session.method] : '',
      orderId: session.order?.orderId ?? '',
      total: session.order ? formatFen(session.order.totalFen) : '',
    });
  },

  onViewResult() {
    wx.redirectTo({ url: withQuery(ROUTES.cabinetResult, { sessionId: this.data.sessionId }) });
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
