import type { PageStatus } from '../../../components/page-state/index';
import { ROUTES, withQuery } from '../../../config/routes';
import { isApiError } from '../../../services/errors';
import { watchTableOrder, type LiveSubscription } from '../../../services/ordering-live';
import { cancelTableOrder, getTableOrder, type TableOrderLine, type TableOrderView } from '../../../services/ordering-table';
import { toast, toastError } from '../../../utils/feedback';
import { formatDateTime, formatFen } from '../../../utils/format';
import { formatKg, formatQty, PAY_MODE_LABELS, TABLE_ORDER_FLOW, TABLE_ORDER_STATUS_LABELS, tableStatusTheme } from '../../../utils/labels/ordering';
import { errorState } from '../../../utils/page-error';
import { sceneOfTable } from '../../../utils/table-code';

interface LineRow {
  lineNo: number;
  name: string;
  description: string;
  amount: string;
}

interface Round {
  title: string;
  lines: LineRow[];
}

function lineRow(line: TableOrderLine): LineRow {
  const unit = line.soldByWeight && line.weightUnit === 'jin' ? '斤' : line.soldByWeight ? 'kg' : '';
  const qty = line.soldByWeight && line.weighed ? `${formatQty(line.quantity)} ${unit}` : `× ${formatQty(line.quantity)}`;
  const parts = [qty, line.mine ? '我点的' : '', line.remark, line.carbonKg !== null ? formatKg(line.carbonKg) : '碳足迹待计算'];
  return {
    lineNo: line.lineNo,
    name: line.name,
    description: parts.filter(Boolean).join(' · '),
    amount: line.soldByWeight && !line.weighed ? '待称重' : formatFen(line.amountFen),
  };
}

/** The first order and each 加菜 round, in order: the diner sees what was added when. */
function roundsOf(order: TableOrderView): Round[] {
  const byRound = new Map<number, LineRow[]>();
  for (const line of order.lines) byRound.set(line.addition, [...(byRound.get(line.addition) ?? []), lineRow(line)]);
  return [...byRound.entries()].sort(([a], [b]) => a - b).map(([round, lines]) => ({ title: round === 0 ? '菜品' : `加菜（第 ${round} 次）`, lines }));
}

function cancelHintOf(order: TableOrderView): string {
  return order.paid ? '订单已支付，取消后已付款项将原路退回。确认取消吗？' : '后厨尚未开始制作，确认取消这笔订单吗？';
}

/**
 * 订单状态 (`?orderId=`): a table order as it moves pending → confirmed → preparing → serving →
 * completed, live (services/ordering-live.ts), with its rounds of 加菜, footprint and payment;
 * 去支付, 加菜 and 取消订单 when the written rules allow them (the order says which).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    orderId: '',
    tableId: '',
    tableName: '',
    orderNumber: '',
    statusText: '',
    statusTheme: 'default',
    cancelled: false,
    steps: TABLE_ORDER_FLOW.map((status) => TABLE_ORDER_STATUS_LABELS[status]),
    stepIndex: 0,
    awaitingWeight: false,
    rounds: [] as Round[],
    createdAt: '',
    partySize: 0,
    remarks: '',
    payModeText: '',
    total: '',
    memberPrice: '',
    paidText: '',
    carbon: '',
    reduction: '',
    payable: false,
    canAddDishes: false,
    canCancel: false,
    confirmCancel: false,
    cancelHint: '',
    cancelling: false,
  },

  live: null as LiveSubscription | null,

  onLoad(query: Record<string, string | undefined>) {
    this.live = null;
    const orderId = query.orderId ?? '';
    this.setData({ orderId });
    if (!orderId) {
      this.setData({ status: 'error', errorText: '缺少订单号参数', retryable: false });
      return;
    }
  },

  onShow() {
    // back from 支付 or 加菜: read again
    if (this.data.orderId) void this.load();
  },

  onUnload() {
    this.live?.close();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      this.show(await getTableOrder(this.data.orderId));
    } catch (error) {
      // not found (another diner's order, or a wrong id) is final: no retry
      const missing = isApiError(error) && error.code >= 40400 && error.code < 40500;
      if (this.data.status !== 'ready') this.setData({ ...errorState(error), ...(missing ? { retryable: false } : {}) });
    }
  },

  show(order: TableOrderView) {
    // live from the first answer on: the order's table is known now
    if (!this.live) this.live = watchTableOrder(order.tableId, () => void this.load());
    const flowIndex = TABLE_ORDER_FLOW.indexOf(order.status);
    const carbon = order.carbon;
    const reduction = carbon.reductionPercent > 0 ? `比常规做法少 ${carbon.reductionPercent}%（少排 ${formatKg(carbon.reductionKg)}）` : '';
    this.setData({
      status: 'ready',
      tableId: order.tableId,
      tableName: order.tableName,
      orderNumber: order.orderNumber,
      statusText: order.statusText || TABLE_ORDER_STATUS_LABELS[order.status],
      statusTheme: tableStatusTheme(order.status),
      cancelled: order.status === 'cancelled',
      // 已完成 is the last step; a finished step is shown as done
      stepIndex: order.status === 'completed' ? TABLE_ORDER_FLOW.length : Math.max(0, flowIndex),
      awaitingWeight: order.awaitingWeight,
      rounds: roundsOf(order),
      createdAt: order.createdAtText || formatDateTime(order.createdAt),
      partySize: order.partySize,
      remarks: order.remarks,
      payModeText: PAY_MODE_LABELS[order.payMode],
      total: formatFen(order.totalFen),
      memberPrice: order.memberPriceFen < order.totalFen ? formatFen(order.memberPriceFen) : '',
      paidText: order.refundedFen ? `已退款 ${formatFen(order.refundedFen)}` : order.paid ? `已支付 ${formatFen(order.paidFen)}` : '未支付',
      carbon: formatKg(carbon.totalKg) + (carbon.pendingLines ? `（${carbon.pendingLines} 道菜待计算）` : ''),
      reduction,
      payable: order.payable,
      canAddDishes: order.canAddDishes,
      canCancel: order.canCancel,
      cancelHint: cancelHintOf(order),
    });
  },

  onPay() {
    wx.navigateTo({ url: withQuery(ROUTES.paymentCheckout, { orderId: this.data.orderId }) });
  },

  onAddDishes() {
    const scene = sceneOfTable(this.data.tableId);
    if (!scene) {
      toast(this, '请扫描桌上的桌码加菜');
      return;
    }
    // opened from the table's menu: go back to it (its cart is live) rather than stacking a second one
    const pages = getCurrentPages();
    const previous = pages[pages.length - 2];
    if (previous && `/${previous.route}` === ROUTES.tableMenu) wx.navigateBack();
    else wx.navigateTo({ url: withQuery(ROUTES.tableMenu, { scene }) });
  },

  onAskCancel() {
    this.setData({ confirmCancel: true });
  },

  onKeep() {
    this.setData({ confirmCancel: false });
  },

  async onCancel() {
    if (this.data.cancelling) return;
    this.setData({ confirmCancel: false, cancelling: true });
    try {
      this.show(await cancelTableOrder(this.data.orderId));
      toast(this, '订单已取消', 'success');
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ cancelling: false });
    }
  },
});
