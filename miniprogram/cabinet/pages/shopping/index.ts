import type { PageStatus } from '../../../components/page-state/index';
import { getDoorSession, isFinalSession, sessionErrorState, type DoorSessionView, type SessionStatus } from '../../../services/cabinet';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { formatFen } from '../../../utils/format';
import { endReasonText, PAYMENT_CHOICE_LABELS, SESSION_STATUS_TEXT, SESSION_STEP } from '../../../utils/labels/cabinet';

/**
 * How often 购物中 asks for the session: fast while the door opens and settles (seconds matter to
 * a diner standing at the cabinet), slower while the door stands open (shopping takes a while).
 */
const POLL_MS: Record<'fast' | 'shopping', number> = { fast: 1500, shopping: 3000 };
/** Consecutive failed polls after which the page shows the error (with 重试) instead of waiting on. */
const MAX_POLL_FAILURES = 5;

const RESULT_THEMES: Record<SessionStatus, 'success' | 'warning' | 'error' | 'default'> = {
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
 * 购物中 (`?sessionId=`): follows the door session live (opening → opened → closed → settling →
 * paid / unpaid / under review, or ended) by polling the session; polling stops on a final state,
 * when the page is hidden (resumed on show) and on unload.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    sessionId: '',
    sessionStatus: 'opening' as SessionStatus,
    title: '',
    hint: '',
    theme: 'default',
    step: 0,
    final: false,
    live: false,
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
    if (this.data.sessionId && !this.data.final) void this.poll();
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
      const session = await getDoorSession(this.data.sessionId);
      this.failures = 0;
      this.show(session);
      if (!isFinalSession(session.status)) this.schedule(session.status === 'opened' ? POLL_MS.shopping : POLL_MS.fast);
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

  show(session: DoorSessionView) {
    const text = SESSION_STATUS_TEXT[session.status];
    const final = isFinalSession(session.status);
    this.setData({
      status: 'ready',
      sessionStatus: session.status,
      title: text.title,
      hint: session.status === 'ended' ? endReasonText(session.endReason) : text.hint,
      theme: RESULT_THEMES[session.status],
      step: SESSION_STEP[session.status],
      final,
      live: !final,
      deviceName: session.deviceName || session.deviceCode,
      storeName: session.storeName,
      methodLabel: PAYMENT_CHOICE_LABELS[session.paymentMethod],
      orderId: session.orderId ?? '',
      total: session.orderId ? formatFen(session.totalFen) : '',
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
