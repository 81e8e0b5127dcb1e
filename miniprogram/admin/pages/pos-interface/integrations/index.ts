import { listIntegrations, type PosIntegrationView } from '../../../services/pos-interface';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { SYNC_STATUS, VENDOR_LABELS } from '../../../utils/pos-labels';
import { ROUTES, withQuery } from '../../../../config/routes';
import { storeNameOf, storeNames } from '../../../services/admin';

type StatusFilter = 'all' | 'active' | 'disabled';

interface Row extends PosIntegrationView {
  vendorLabel: string;
  storeName: string;
  statusLabel: string;
  statusTheme: string;
  testLabel: string;
}

function toRow(item: PosIntegrationView & { storeName: string }): Row {
  const status = SYNC_STATUS[item.status];
  const testLabel = item.lastTestAt ? (item.lastTestOk ? `连接正常 ${item.lastTestLatencyMs ?? 0} ms` : '上次测试失败') : '未测试';
  return {
    ...item,
    vendorLabel: VENDOR_LABELS[item.vendor] ?? item.vendor,
    statusLabel: status?.label ?? item.status,
    statusTheme: status?.theme ?? 'default',
    testLabel,
  };
}

const list = pagedList({
  key: 'items',
  fetch: async (page, pageNo, pageSize) => {
    const filter = page.data.filter as StatusFilter;
    const [names, result] = await Promise.all([storeNames(), listIntegrations({ page: pageNo, pageSize, ...(filter === 'all' ? {} : { status: filter }) })]);
    return { ...result, items: result.items.map((item) => ({ ...item, storeName: storeNameOf(names, item.storeId) })) };
  },
  toRow,
});

/** POS integrations of the stores the staff member manages, newest first. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    filter: 'all' as StatusFilter,
    items: [] as Row[],
  },

  ...list,

  onLoad() {
    void this.refresh();
  },

  onShow() {
    // Back from create/detail: show what changed.
    if (this.data.status === 'ready' || this.data.status === 'empty') void this.refresh();
  },

  onFilterChange(e: WechatMiniprogram.CustomEvent<{ value: StatusFilter }>) {
    this.setData({ filter: e.detail.value });
    void this.refresh();
  },

  onItemTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.posIntegration, { integrationId: e.currentTarget.dataset.id }) });
  },

  onCreate() {
    wx.navigateTo({ url: ROUTES.posCreate });
  },

  onSyncLogs() {
    wx.navigateTo({ url: ROUTES.posSyncLogs });
  },

  onDeadLetters() {
    wx.navigateTo({ url: ROUTES.posDeadLetters });
  },
});
