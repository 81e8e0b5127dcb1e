import {
  authorizePayScore,
  checkBeforeOpen,
  isNotFoundError,
  newOpenRequestId,
  openDoor,
  resolveScan,
  type CabinetPayMethod,
  type DeviceCard,
  type OpenChecks,
} from '../../../services/cabinet';
import { errorMessage, isApiError } from '../../../services/errors';
import { bindPhone } from '../../../services/member';
import { ROUTES, TAB_ROUTES, withQuery } from '../../../config/routes';
import { toast, toastError } from '../../../utils/feedback';
import { formatCount, formatDateTime, formatFen } from '../../../utils/format';
import { AVAILABILITY_LABELS, AVAILABILITY_THEMES, PAY_METHOD_LABELS, type TagTheme } from '../../../utils/labels/cabinet';
import { parseCabinetScene, parseScanResult } from '../../../utils/scan';

/**
 * What 扫码开门 shows: one clear page per state, never a toast for a state. In the seed's order:
 * the device (unknown / unbound / offline / maintenance / store closed / busy), then who the diner
 * is (phone), then unpaid orders, then the payment choice (Pay Score authorization, the store's
 * minimum gift-ticket balance).
 */
type View =
  | 'loading'
  | 'error'
  | 'scan'
  | 'pickDevice'
  | 'unknown'
  | 'unbound'
  | 'offline'
  | 'maintenance'
  | 'store_closed'
  | 'busy'
  | 'ongoing'
  | 'phone'
  | 'unpaid'
  | 'choose';

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

function deviceRow(device: DeviceCard): DeviceRow {
  return {
    deviceCode: device.deviceCode,
    title: device.name || device.deviceCode,
    statusLabel: AVAILABILITY_LABELS[device.availability],
    theme: AVAILABILITY_THEMES[device.availability],
  };
}

/** The device's own state, when it is what stops the diner. */
function deviceView(device: DeviceCard): View | null {
  return device.availability === 'available' ? null : device.availability;
}

/** The first state that stands between the diner and the door, or the payment choice. */
function viewOf(check: OpenChecks): View {
  if (check.openSession) return 'ongoing';
  const blocked = deviceView(check.device);
  if (blocked) return blocked;
  if (!check.phoneBound || check.blockedBy === 'phone') return 'phone';
  if (check.unpaidOrders.length || check.blockedBy === 'unpaid') return 'unpaid';
  return 'choose';
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
    scene: '',
    unknownText: '',
    payScoreShown: false,
    payScoreAuthorized: false,
    payScoreText: '',
    ticketsText: '',
    ticketBalance: '',
    ticketMinimum: '',
    ticketsEnough: false,
    method: '' as CabinetPayMethod | '',
    canOpen: false,
    opening: false,
    authorizing: false,
    binding: false,
    scanning: false,
    methodLabels: PAY_METHOD_LABELS,
  },

  /** the open-door key of the current tap, reused when the same tap is retried */
  openRequestId: '',
  /** set while the diner is away in the Pay Score mini-program or at checkout: re-check on return */
  recheckOnShow: false,

  onLoad(query: Record<string, string | undefined>) {
    const scene = query.scene ? decodeScene(query.scene) : '';
    if (query.deviceCode) void this.check(query.deviceCode);
    else if (query.storeCode || scene) void this.resolve({ ...(query.storeCode ? { storeCode: query.storeCode } : { scene }) });
    else this.setData({ view: 'scan' });
  },

  onShow() {
    if (!this.recheckOnShow || !this.data.deviceCode) return;
    this.recheckOnShow = false;
    void this.check(this.data.deviceCode, true);
  },

  onRetry() {
    if (this.data.deviceCode) void this.check(this.data.deviceCode);
    else if (this.data.storeCode) void this.resolve({ storeCode: this.data.storeCode });
    else if (this.data.scene) void this.resolve({ scene: this.data.scene });
    else this.setData({ view: 'scan' });
  },

  /** A scanned code: one device (checked at once) or a store's cabinets to pick from. */
  async resolve(input: { scene?: string; deviceCode?: string; storeCode?: string }) {
    this.setData({ view: 'loading', errorText: '', storeCode: input.storeCode ?? '', scene: input.scene ?? '' });
    try {
      const resolution = await resolveScan(input);
      if (resolution.kind === 'unknown') this.setData({ view: 'unknown', unknownText: resolution.text });
      else if (resolution.kind === 'store') this.setData({ view: 'pickDevice', storeName: resolution.store.name, devices: resolution.devices.map(deviceRow) });
      else {
        const blocked = deviceView(resolution.device);
        this.setData({ deviceCode: resolution.device.deviceCode, deviceName: resolution.device.name || resolution.device.deviceCode });
        // a busy device may be held by this diner's own session: the checks say so
        if (blocked && blocked !== 'busy') this.setData({ view: blocked, storeName: resolution.device.storeName ?? '' });
        else await this.check(resolution.device.deviceCode);
      }
    } catch (error) {
      if (isNotFoundError(error)) this.setData({ view: 'unknown' });
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
      const check = await checkBeforeOpen(deviceCode);
      const options = Object.fromEntries(check.methods.map((m) => [m.method, m])) as Partial<Record<CabinetPayMethod, OpenChecks['methods'][number]>>;
      const usable = (method: CabinetPayMethod) => !!options[method]?.available;
      const kept = this.data.method && usable(this.data.method) ? this.data.method : '';
      const method: CabinetPayMethod | '' = kept || (usable('payscore') ? 'payscore' : usable('tickets') ? 'tickets' : '');
      this.setData({
        view: viewOf(check),
        deviceName: check.device.name || check.device.deviceCode,
        storeName: check.device.storeName ?? '',
        activeSessionId: check.openSession?.sessionId ?? '',
        unpaid: check.unpaidOrders.map((o) => ({
          orderId: o.orderId,
          title: `${o.storeName ?? '智能柜订单'} · ${o.orderNumber}`,
          description: formatDateTime(o.createdAt),
          amount: formatFen(o.dueFen),
        })),
        payScoreShown: check.payScore.state !== 'unavailable' && !!options.payscore,
        payScoreAuthorized: check.payScore.state === 'authorized',
        payScoreText: options.payscore?.available ? '先用后付，关门后按取走的商品自动扣款' : (options.payscore?.reason ?? check.payScore.stateText),
        ticketBalance: formatCount(check.tickets.balance),
        ticketMinimum: formatCount(check.tickets.minimum),
        ticketsEnough: usable('tickets'),
        ticketsText: usable('tickets')
          ? `余额 ${formatCount(check.tickets.balance)} 张，关门后按商品金额扣除礼票`
          : `余额 ${formatCount(check.tickets.balance)} 张（${options.tickets?.reason ?? '不足'}）`,
        method,
        canOpen: check.canOpen && !!method,
      });
    } catch (error) {
      if (isNotFoundError(error)) this.setData({ view: 'unknown' });
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
      if (target.kind === 'cabinet') void this.resolve({ deviceCode: target.deviceCode });
      else if (target.kind === 'cabinetStore') void this.resolve({ storeCode: target.storeCode });
      else if (scene && 'deviceCode' in scene) void this.resolve({ deviceCode: scene.deviceCode });
      else if (scene && 'storeCode' in scene) void this.resolve({ storeCode: scene.storeCode });
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

  onMethodChange(e: WechatMiniprogram.CustomEvent<{ value: CabinetPayMethod }>) {
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
      const session = await openDoor(this.data.deviceCode, method, this.openRequestId);
      this.openRequestId = '';
      wx.redirectTo({ url: withQuery(ROUTES.cabinetShopping, { sessionId: session.sessionId }) });
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

/** `options.scene` arrives URL-encoded (d%3DXM-DEMO-0001); the backend takes it either way, the page sends it decoded. */
function decodeScene(scene: string): string {
  try {
    return decodeURIComponent(scene);
  } catch {
    return scene;
  }
}
