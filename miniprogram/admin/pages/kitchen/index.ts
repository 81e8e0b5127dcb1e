import type { PageStatus } from '../../../components/page-state/index';
import { watchKitchen, type LiveSubscription } from '../../../services/ordering-live';
import { toast, toastError } from '../../../utils/feedback';
import { formatFen } from '../../../utils/format';
import { elapsedBand, formatQty, KITCHEN_STEP_LABELS, PAY_MODE_LABELS, STATION_LABELS, TABLE_ORDER_STATUS_LABELS } from '../../../utils/labels/ordering';
import { errorState } from '../../../utils/page-error';
import {
  advanceTableOrder,
  confirmCounterPayment,
  listKitchenOrders,
  weighLine,
  type CounterMethod,
  type KitchenOrderView,
  type KitchenStation,
  type KitchenStep,
} from '../../services/ordering';
import { pickStore } from '../../utils/store-pick';

/** The board's columns, left to right: what the kitchen does next moves a card one column right. */
const COLUMNS = ['pending', 'confirmed', 'preparing', 'serving'] as const;

const STATIONS: { value: KitchenStation | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['hot', 'cold', 'drinks'] as const).map((value) => ({ value, label: STATION_LABELS[value] })),
];

/** The sound of a new order (a short two-tone chime in this subpackage). */
const ALERT_SOUND = '/admin/assets/new-order.wav';

interface LineRow {
  lineNo: number;
  name: string;
  qty: string;
  addition: boolean;
  needsWeight: boolean;
}

interface OrderCard {
  orderId: string;
  tableName: string;
  orderNumber: string;
  partySize: number;
  remarks: string;
  payText: string;
  /** 到前台支付 / 餐后支付 and not paid: staff take cash or card here */
  collect: string;
  elapsed: string;
  band: 'fresh' | 'late' | 'overdue';
  fresh: boolean;
  lines: LineRow[];
  step: KitchenStep | '';
  stepLabel: string;
  blocked: boolean;
}

function cardOf(order: KitchenOrderView, minutes: number, fresh: boolean): OrderCard {
  const unit = (line: KitchenOrderView['lines'][number]) => (line.weightUnit === 'jin' ? ' 斤' : ' kg');
  return {
    orderId: order.orderId,
    tableName: order.tableName,
    orderNumber: order.orderNumber,
    partySize: order.partySize,
    remarks: order.remarks,
    payText: order.paid ? '已支付' : PAY_MODE_LABELS[order.payMode],
    collect: !order.paid && !order.awaitingWeight && order.payMode !== 'now' ? formatFen(order.memberPriceFen) : '',
    elapsed: `${minutes} 分钟`,
    band: elapsedBand(minutes),
    fresh,
    lines: order.lines.map((line) => ({
      lineNo: line.lineNo,
      name: line.name,
      qty: line.soldByWeight && line.weighed ? `${formatQty(line.quantity)}${unit(line)}` : `× ${formatQty(line.quantity)}`,
      addition: line.addition > 0,
      needsWeight: line.soldByWeight && !line.weighed,
    })),
    step: order.nextStep ?? '',
    stepLabel: order.nextStep ? KITCHEN_STEP_LABELS[order.nextStep] : '',
    // a weighed dish must be weighed before the order is confirmed (its price depends on it)
    blocked: order.nextStep === 'confirm' && order.awaitingWeight,
  };
}

/**
 * 后厨看板 (`?storeId=`, landscape on a tablet: pageOrientation auto): the store's active table
 * orders in columns by status, filtered by station, live (services/ordering-live.ts); one tap
 * moves an order one step; elapsed time coloured; a new order or 加菜 vibrates and chimes.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    storeName: '',
    /** the stores the staff member manages: more than one shows a switcher */
    stores: [] as { value: string; label: string }[],
    storeIndex: 0,
    stations: STATIONS,
    station: 'all' as KitchenStation | 'all',
    liveText: '',
    columns: COLUMNS.map((status) => ({ status, title: TABLE_ORDER_STATUS_LABELS[status], orders: [] as OrderCard[] })),
    weighing: false,
    weighName: '',
    weightText: '',
  },

  live: null as LiveSubscription | null,
  ticker: 0 as number,
  /** what the board showed last: order id → additionCount, to tell new orders and 加菜 apart */
  seen: null as Record<string, number> | null,
  orders: [] as KitchenOrderView[],
  loadedAt: 0,
  weighTarget: null as { orderId: string; lineNo: number } | null,
  audio: null as WechatMiniprogram.InnerAudioContext | null,
  fresh: {} as Record<string, boolean>,

  async onLoad(query: Record<string, string | undefined>) {
    this.live = null;
    this.seen = null;
    this.fresh = {};
    try {
      const store = await pickStore(query);
      if (!store) {
        this.setData({ status: 'error', errorText: '没有可管理的门店', retryable: false });
        return;
      }
      const storeIndex = Math.max(
        0,
        store.stores.findIndex((candidate) => candidate.value === store.storeId),
      );
      this.setData({ storeId: store.storeId, storeName: store.storeName, stores: store.stores, storeIndex });
    } catch (error) {
      this.setData(errorState(error));
      return;
    }
    await this.load();
    this.live = watchKitchen(this.data.storeId, () => void this.load());
    // elapsed minutes move on without a reload
    this.ticker = setInterval(() => this.render(), 30_000) as unknown as number;
  },

  onUnload() {
    this.live?.close();
    clearInterval(this.ticker);
    this.audio?.destroy();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    if (this.data.storeId) void this.load();
    else void this.onLoad({});
  },

  async load() {
    const station = this.data.station === 'all' ? undefined : this.data.station;
    try {
      const board = await listKitchenOrders(this.data.storeId, station);
      this.orders = board.orders;
      this.loadedAt = Date.now();
      this.alertOnNew(board.orders);
      this.setData({ status: 'ready', liveText: '实时更新中' });
      this.render();
    } catch (error) {
      if (this.data.status !== 'ready') this.setData(errorState(error));
      else this.setData({ liveText: '连接中断，正在重试…' });
    }
  },

  /** Vibrates and chimes for an order the board has not shown before, or one that grew (加菜). */
  alertOnNew(orders: KitchenOrderView[]) {
    const before = this.seen;
    this.seen = Object.fromEntries(orders.map((order) => [order.orderId, order.additionCount]));
    if (!before) return; // the first load is not news
    const added = orders.filter((order) => !(order.orderId in before));
    const grown = orders.filter((order) => order.orderId in before && order.additionCount > before[order.orderId]);
    for (const order of [...added, ...grown]) this.fresh[order.orderId] = true;
    if (!added.length && !grown.length) return;
    wx.vibrateShort({ type: 'heavy' });
    if (!this.audio) {
      this.audio = wx.createInnerAudioContext();
      this.audio.src = ALERT_SOUND;
    }
    this.audio.play();
    const names = [...added.map((order) => `新订单 ${order.tableName}`), ...grown.map((order) => `${order.tableName} 加菜`)];
    toast(this, names.join('，'));
  },

  render() {
    const drift = Math.floor((Date.now() - this.loadedAt) / 60_000);
    const columns = COLUMNS.map((status) => ({
      status,
      title: TABLE_ORDER_STATUS_LABELS[status],
      orders: this.orders
        .filter((order) => order.status === status)
        .map((order) => cardOf(order, order.elapsedMinutes + drift, Boolean(this.fresh[order.orderId]))),
    }));
    this.setData({ columns });
  },

  /** Another store's board: a fresh board (no alerts for what it already has) and its own live view. */
  async onStoreChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const store = this.data.stores[Number(e.detail.value)];
    if (!store || store.value === this.data.storeId) return;
    this.live?.close();
    this.seen = null;
    this.fresh = {};
    this.setData({ storeId: store.value, storeName: store.label, storeIndex: Number(e.detail.value), status: 'loading' });
    await this.load();
    this.live = watchKitchen(store.value, () => void this.load());
  },

  onStationChange(e: WechatMiniprogram.CustomEvent<{ value: KitchenStation | 'all' }>) {
    this.setData({ station: e.detail.value });
    void this.load();
  },

  async onAdvance(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string; step: KitchenStep }>) {
    const { id, step } = e.currentTarget.dataset;
    delete this.fresh[id];
    try {
      await advanceTableOrder(this.data.storeId, id, step);
      await this.load();
    } catch (error) {
      toastError(this, error);
      void this.load();
    }
  },

  /** 现金 / 刷卡 at the counter: staff confirm what they took (audited by the backend). */
  async onCollect(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string; method: CounterMethod; amount: string }>) {
    const { id, method, amount } = e.currentTarget.dataset;
    const { confirm } = await wx.showModal({
      title: '柜台收款',
      content: `确认已收${method === 'cash' ? '现金' : '刷卡'} ${amount}？`,
      confirmText: '确认收款',
    });
    if (!confirm) return;
    try {
      await confirmCounterPayment(this.data.storeId, id, method);
      toast(this, '已确认收款', 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    }
  },

  onAskWeight(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { order: string; line: number; name: string }>) {
    const { order, line, name } = e.currentTarget.dataset;
    this.weighTarget = { orderId: order, lineNo: Number(line) };
    this.setData({ weighing: true, weighName: name, weightText: '' });
  },

  onWeightInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ weightText: e.detail.value });
  },

  onCancelWeigh() {
    this.setData({ weighing: false });
  },

  async onWeigh() {
    const target = this.weighTarget;
    const weight = Number(this.data.weightText);
    if (!target) return;
    if (!/^\d+(\.\d{1,3})?$/.test(this.data.weightText.trim()) || !(weight > 0)) {
      toast(this, '请输入大于 0、最多 3 位小数的重量', 'warning');
      return;
    }
    this.setData({ weighing: false });
    try {
      await weighLine(this.data.storeId, target.orderId, target.lineNo, weight);
      toast(this, '已称重', 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    }
  },
});
