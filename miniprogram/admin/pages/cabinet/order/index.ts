import type { PageStatus } from '../../../../components/page-state/index';
import { getCabinetOrder, type CabinetOrderDetail } from '../../../services/cabinet';
import { queryId } from '../../../utils/query-id';
import { ROUTES, withQuery } from '../../../../config/routes';
import { formatCount, formatDateTime, formatFen } from '../../../../utils/format';
import { ORDER_STATE_LABELS, ORDER_STATE_THEMES, ORDER_TYPE_LABELS, paidHowText } from '../../../../utils/labels/cabinet';
import { errorState } from '../../../../utils/page-error';

function view(o: CabinetOrderDetail) {
  return {
    orderNumber: o.orderNumber,
    vendorOrderNo: o.vendorOrderNo,
    deviceCode: o.deviceCode,
    storeName: o.storeName ?? '',
    userPhone: o.userPhone ?? '无',
    stateLabel: ORDER_STATE_LABELS[o.state],
    theme: ORDER_STATE_THEMES[o.state],
    orderStatusText: o.orderStatusText,
    typeLabel: ORDER_TYPE_LABELS[o.orderType],
    relatedOrderId: o.relatedOrderId ?? '',
    orderedAt: formatDateTime(o.orderedAt),
    paidAt: formatDateTime(o.paidAt),
    total: formatFen(o.totalFen),
    paidHow: paidHowText(o.split),
    wechat: formatFen(o.split.wechatFen),
    tickets: o.split.ticketFen > 0 ? `${formatFen(o.split.ticketFen)}（${formatCount(o.split.ticketsSpent)} 张）` : formatFen(0),
    due: o.split.dueFen > 0 ? formatFen(o.split.dueFen) : '',
    items: o.items.map((i) => ({
      key: i.sku,
      title: i.name,
      description: `${i.sku} · ${formatFen(i.unitPriceFen)} × ${i.quantity}`,
      amount: formatFen(i.amountFen),
    })),
    handleStatus: o.handleStatus ?? '',
    videoUrl: o.videoUrl ?? '',
    abnormal: o.abnormal ? `${o.abnormal.reasonText}${o.abnormal.detail ? `：${o.abnormal.detail}` : ''}` : '',
  };
}

/** 智能柜订单详情 (`?orderId=`, staff): the seed's order fields, the goods, the money split and why it is abnormal. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    orderId: '',
    // the order's fields (view() below) arrive with the first load
    items: [] as ReturnType<typeof view>['items'],
    relatedOrderId: '',
    videoUrl: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'orderId', '订单号')) void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      this.setData({ status: 'ready', ...view(await getCabinetOrder(this.data.orderId)) });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onOpenRelated() {
    if (this.data.relatedOrderId) wx.navigateTo({ url: withQuery(ROUTES.adminCabinetOrder, { orderId: this.data.relatedOrderId }) });
  },

  onCopyVideo() {
    if (this.data.videoUrl) wx.setClipboardData({ data: this.data.videoUrl });
  },
});
