import { listMyStores } from '../../../services/admin';
import { listCabinetOrders, type CabinetOrderState, type CabinetOrderType, type CabinetOrderView } from '../../../services/cabinet';
import type { ListCabinetOrdersInput } from '../../../../../typings/api/cabinet';
import { ROUTES, withQuery } from '../../../../config/routes';
import { formatDateTime, formatFen } from '../../../../utils/format';
import { ORDER_STATE_LABELS, ORDER_STATE_THEMES, ORDER_TYPE_LABELS, type TagTheme } from '../../../../utils/labels/cabinet';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';

interface Row {
  orderId: string;
  title: string;
  description: string;
  amount: string;
  stateLabel: string;
  theme: TagTheme;
  typeLabel: string;
  special: boolean;
}

function toRow(o: CabinetOrderView): Row {
  return {
    orderId: o.orderId,
    title: `${o.orderNumber} · ${o.deviceCode}`,
    description: `${formatDateTime(o.orderedAt)} · ${o.storeName ?? ''} · ${o.userPhone ?? '无手机号'} · ${o.split.paymentTypeText}`,
    amount: formatFen(o.totalFen),
    stateLabel: ORDER_STATE_LABELS[o.state],
    theme: ORDER_STATE_THEMES[o.state],
    typeLabel: ORDER_TYPE_LABELS[o.orderType],
    special: o.orderType !== 'normal',
  };
}

interface Option {
  value: string;
  label: string;
}

const ALL: Option = { value: '', label: '全部' };
const STATE_TABS: Option[] = [ALL, ...(Object.keys(ORDER_STATE_LABELS) as CabinetOrderState[]).map((value) => ({ value, label: ORDER_STATE_LABELS[value] }))];
const TYPE_OPTIONS: Option[] = [
  { value: '', label: '全部类型' },
  ...(Object.keys(ORDER_TYPE_LABELS) as CabinetOrderType[]).map((value) => ({ value, label: ORDER_TYPE_LABELS[value] })),
];

function filterOf(data: Record<string, unknown>, page: number, pageSize: number): ListCabinetOrdersInput {
  const stores = data.stores as Option[];
  const storeId = stores[data.storeIndex as number]?.value;
  const orderType = TYPE_OPTIONS[data.typeIndex as number]?.value as CabinetOrderType | '';
  const deviceCode = (data.deviceCode as string).trim();
  return {
    page,
    pageSize,
    ...(storeId ? { storeId } : {}),
    ...(deviceCode ? { deviceCode } : {}),
    ...(data.fromDay ? { fromDay: data.fromDay as string } : {}),
    ...(data.toDay ? { toDay: data.toDay as string } : {}),
    ...(data.state ? { state: data.state as CabinetOrderState } : {}),
    ...(orderType ? { orderType } : {}),
  };
}

const list = pagedList({
  key: 'rows',
  fetch: (page, pageNo, pageSize) => listCabinetOrders(filterOf(page.data, pageNo, pageSize)),
  toRow,
});

/** 智能柜订单 (staff): filtered by store, device, date (Asia/Shanghai days), state and order type; newest first. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    state: '',
    tabs: STATE_TABS,
    stores: [{ value: '', label: '全部门店' }] as Option[],
    storeIndex: 0,
    typeOptions: TYPE_OPTIONS,
    typeIndex: 0,
    deviceCode: '',
    fromDay: '',
    toDay: '',
    rows: [] as Row[],
  },

  ...list,

  onLoad() {
    void this.loadStores();
    void this.refresh();
  },

  async loadStores() {
    try {
      const { items } = await listMyStores(1, 100);
      this.setData({ stores: [{ value: '', label: '全部门店' }, ...items.map((s) => ({ value: s._id, label: s.name }))] });
    } catch {
      // the list itself reports the problem; the filter keeps 全部门店
    }
  },

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ state: event.detail.value, rows: [] });
    void this.refresh();
  },

  onStorePick(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ storeIndex: Number(e.detail.value) });
  },

  onTypePick(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ typeIndex: Number(e.detail.value) });
  },

  onFromPick(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ fromDay: e.detail.value });
  },

  onToPick(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ toDay: e.detail.value });
  },

  onDeviceInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ deviceCode: e.detail.value });
  },

  onSearch() {
    this.setData({ rows: [] });
    void this.refresh();
  },

  onReset() {
    this.setData({ storeIndex: 0, typeIndex: 0, deviceCode: '', fromDay: '', toDay: '', rows: [] });
    void this.refresh();
  },

  onOpen(event: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminCabinetOrder, { orderId: event.currentTarget.dataset.id }) });
  },
});
