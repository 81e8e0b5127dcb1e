import {
  authorizePayScore,
  checkDevice,
  listStoreCabinets,
  newOpenRequestId,
  openDoor,
  type CabinetDeviceView,
  type OpenCheckView,
  type PaymentChoice,
} from '../../../services/cabinet';
import { errorMessage, isApiError } from '../../../services/errors';
import { bindPhone } from '../../../services/member';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { toast, toastError } from '../../../utils/feedback';
import { formatCount, formatDateTime, formatFen, orderNumber } from '../../../utils/format';
import { AVAILABILITY_LABELS, AVAILABILITY_THEMES, PAYMENT_CHOICE_LABELS, type TagTheme } from '../../../utils/labels/cabinet';
import { parseCabinetScene, parseScanResult } from '../../../utils/scan';

/**
 * What 扫码开门 shows: one clear page per state, never a toast for a state. In the seed's order:
 * the device (unknown / unbound / offline / maintenance / busy), then who the diner is (phone),
 * then unpaid orders, then the payment choice (Pay Score authorization, gift-ticket minimum).
 */
type View =
  'loading' | 'error' | 'scan' | 'pickDevice' | 'unknown' | 'unbound' | 'offline' | 'maintenance' | 'busy' | 'ongoing' | 'phone' | 'unpaid' | 'choose';

interface DeviceRow {
  deviceCode: string;
  title: string;
  statusLabel: string;
  theme: TagTheme;
}

interface UnpaidRow {
  orderId: string;
  title: string;
  description: string;
  amount: string;
}

function deviceRow(device: CabinetDeviceView): DeviceRow {
  return {
    deviceCode: device.deviceCode,
    title: device.name || device.deviceCode,
    statusLabel: AVAILABILITY_LABELS[device.availability],
    theme: AVAILABILITY_THEMES[device.availability],
  };
}

/** The first state that stands between the diner and the door, or the payment choice. */
function viewOf(check: OpenCheckView): View {
  const availability = check.device.availability;
  if (check.activeSession) return 'ongoing';
  if (availability !== 'available') return availability;
  if (!check.phoneBound) return 'phone';
  if (check.unpaidOrders.length) return 'unpaid';
  return 'choose';
}

/** A 404-class answer to checkDevice: no such cabinet. */
function isUnknownDevice(error: unknown): boolean {
  return isApiError(error) && Math.floor(error.code / 100) === 404;
}

Page({
  data: {
    view: 'loading' as View,
    errorText: '',
    deviceCode: '',
    deviceName: '',
    storeName: '',
    storeCode: '',
    devices: [] as DeviceRow[],
    unpaid: [] as UnpaidRow[],
    activeSessionId: '',
    payScoreEnabled: false,
    payScoreAuthorized: false,
    ticketBalance: '',
    ticketMinimum: '',
    ticketsEnough: false,
    method: '' as PaymentChoice | '',
    canOpen: false,
    opening: false,
    authorizing: false,
    binding: false,
    scanning: false,
    methodLabels: PAYMENT_CHOICE_LABELS,
  },

  /** the open-door key of the current tap, reused when the same tap is retried */
  openRequestId: '',
  /** set while the diner is away in the Pay Score mini-program or at checkout: re-check on return */
  recheckOnShow: false,

  onLoad(query: Record<string, string | undefined>) {
    const scene = parseCabinetScene(query.scene);
    const deviceCode = query.deviceCode ?? (scene && 'deviceCode' in scene ? scene.deviceCode : '');
    const storeCode = query.storeCode ?? (scene && 'storeCode' in scene ? scene.storeCode : '');
    if (deviceCode) void this.check(deviceCode);
    else if (storeCode) void this.loadStore(storeCode);
    else this.setData({ view: query.scene ? 'unknown' : 'scan' });
  },

  onShow() {
    if (!this.recheckOnShow || !this.data.deviceCode) return;
    this.recheckOnShow = false;
    void this.check(this.data.deviceCode, true);
  },

  onRetry() {
    if (this.data.deviceCode) void this.check(this.data.deviceCode);
    else if (this.data.storeCode) void this.loadStore(this.data.storeCode);
    else this.setData({ view: 'scan' });
  },

  async loadStore(storeCode: string) {
    this.setData({ view: 'loading', storeCode, errorText: '' });
    try {
      const { storeName, devices } = await listStoreCabinets(storeCode);
      this.setData({ view: 'pickDevice', storeName, devices: devices.map(deviceRow) });
    } catch (error) {
      if (isUnknownDevice(error)) this.setData({ view: 'unknown' });
      else this.setData({ view: 'error', errorText: errorMessage(error) });
    }
  },

  onPickDevice(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { code: string }>) {
    void this.check(e.currentTarget.dataset.code);
  },

  /** Checks the device and the diner; `quiet` keeps the current content on screen meanwhile. */
  async check(deviceCode: string, quiet = false) {
    this.setData({ deviceCode, errorText: '', ...(quiet ? {} : { view: 'loading' as View }) });
    try {
      const check = await checkDevice(deviceCode);
      const { payScore, tickets } = check;
      const usable: Record<PaymentChoice, boolean> = { payscore: payScore.enabled && payScore.authorized, tickets: tickets.enough };
      const kept = this.data.method && usable[this.data.method] ? this.data.method : '';
      const method: PaymentChoice | '' = kept || (usable.payscore ? 'payscore' : usable.tickets ? 'tickets' : '');
      this.setData({
        view: viewOf(check),
        deviceName: check.device.name || check.device.deviceCode,
        storeName: check.device.storeName,
        activeSessionId: check.activeSession?.sessionId ?? '',
        unpaid: check.unpaidOrders.map((o) => ({
          orderId: o.orderId,
          title: `${o.title || '智能柜订单'} · ${orderNumber(o.orderId)}`,
          description: formatDateTime(o.createdAt),
          amount: formatFen(o.dueFen),
        })),
        payScoreEnabled: payScore.enabled,
        payScoreAuthorized: payScore.authorized,
        ticketBalance: formatCount(tickets.balance),
        ticketMinimum: formatCount(tickets.minimum),
        ticketsEnough: tickets.enough,
        method,
        canOpen: !!method,
      });
    } catch (error) {
      if (isUnknownDevice(error)) this.setData({ view: 'unknown' });
      else if (quiet) toastError(this, error);
      else this.setData({ view: 'error', errorText: errorMessage(error) });
    }
  },

  async onScanTap() {
    if (this.data.scanning) return;
    this.setData({ scanning: true });
    try {
      const res = await wx.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'wxCode'] });
      const target = parseScanResult(res);
      // our own 小程序码 names this page with a scene; a printed code carries type=cabinet
      const scene = target.kind === 'page' ? parseCabinetScene(/[?&]scene=([^&]*)/.exec(target.url)?.[1]) : null;
      if (target.kind === 'cabinet') void this.check(target.deviceCode);
      else if (target.kind === 'cabinetStore') void this.loadStore(target.storeCode);
      else if (scene && 'deviceCode' in scene) void this.check(scene.deviceCode);
      else if (scene && 'storeCode' in scene) void this.loadStore(scene.storeCode);
      else toast(this, '这不是智能柜的二维码');
    } catch (error) {
      const errMsg = (error as { errMsg?: string })?.errMsg ?? '';
      if (!/cancel/i.test(errMsg)) toast(this, '扫码失败，请重试', 'error');
    } finally {
      this.setData({ scanning: false });
    }
  },

  async onGetPhoneNumber(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
    const code = e.detail?.code;
    if (!code) {
      toast(this, '需要授权手机号才能开门');
      return;
    }
    this.setData({ binding: true });
    try {
      await bindPhone(code);
      toast(this, '手机号已绑定', 'success');
      await this.check(this.data.deviceCode, true);
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ binding: false });
    }
  },

  onPayUnpaid(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    this.recheckOnShow = true;
    wx.navigateTo({ url: withQuery(ROUTES.paymentCheckout, { orderId: e.currentTarget.dataset.id }) });
  },

  onViewOngoing() {
    wx.redirectTo({ url: withQuery(ROUTES.cabinetShopping, { sessionId: this.data.activeSessionId }) });
  },

  onMethodChange(e: WechatMiniprogram.CustomEvent<{ value: PaymentChoice }>) {
    const method = e.detail.value;
    const usable = method === 'payscore' ? this.data.payScoreAuthorized : this.data.ticketsEnough;
    this.setData({ method, canOpen: usable });
  },

  async onAuthorizePayScore() {
    if (this.data.authorizing) return;
    this.setData({ authorizing: true });
    try {
      this.recheckOnShow = true;
      await authorizePayScore();
      // Cloud: WeChat notifies the backend while the diner is away; onShow re-checks. Local: the
      // sandbox has already notified, so check now.
      await this.check(this.data.deviceCode, true);
      this.recheckOnShow = false;
    } catch (error) {
      this.recheckOnShow = false;
      toastError(this, error);
    } finally {
      this.setData({ authorizing: false });
    }
  },

  async onOpenDoor() {
    const method = this.data.method;
    if (this.data.opening || !method || !this.data.canOpen) return;
    this.openRequestId = this.openRequestId || newOpenRequestId();
    this.setData({ opening: true });
    try {
      const { sessionId } = await openDoor(this.data.deviceCode, method, this.openRequestId);
      this.openRequestId = '';
      wx.redirectTo({ url: withQuery(ROUTES.cabinetShopping, { sessionId }) });
    } catch (error) {
      // A definite refusal ends this tap (the next one is a new request); the state behind it
      // (offline, busy, unpaid …) is shown as its page.
      if (isApiError(error) && error.code > 0 && error.code !== 50001) this.openRequestId = '';
      toastError(this, error);
      void this.check(this.data.deviceCode, true);
    } finally {
      this.setData({ opening: false });
    }
  },

  onBackHome() {
    wx.switchTab({ url: TAB_ROUTES.home });
  },

  onViewOrders() {
    wx.switchTab({ url: TAB_ROUTES.orders });
  },
});
