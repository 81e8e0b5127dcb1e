import { listDevices, type DeviceStatus, type DeviceView } from '../../../services/cabinet';
import { ROUTES, withQuery } from '../../../../config/routes';
import { formatDateTime } from '../../../../utils/format';
import { DEVICE_STATUS_LABELS, DEVICE_STATUS_THEMES, type TagTheme } from '../../../../utils/labels/cabinet';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';

interface Row {
  deviceCode: string;
  title: string;
  description: string;
  statusLabel: string;
  theme: TagTheme;
  alarms: number;
}

function toRow(d: DeviceView): Row {
  const heartbeat = d.lastHeartbeatAt ? `最近心跳 ${formatDateTime(d.lastHeartbeatAt)}` : '尚无心跳';
  return {
    deviceCode: d.deviceCode,
    title: `${d.name || d.deviceCode} · ${d.deviceCode}`,
    description: `${d.storeName ?? '未绑定门店'} · ${heartbeat}`,
    statusLabel: DEVICE_STATUS_LABELS[d.status],
    theme: DEVICE_STATUS_THEMES[d.status],
    alarms: d.openAlarmCount,
  };
}

const TABS: { value: DeviceStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(Object.keys(DEVICE_STATUS_LABELS) as DeviceStatus[]).map((value) => ({ value, label: DEVICE_STATUS_LABELS[value] })),
];

const list = pagedList({
  key: 'rows',
  fetch: (page, pageNo, pageSize) => {
    const tab = page.data.tab as DeviceStatus | 'all';
    return listDevices({ page: pageNo, pageSize, ...(tab === 'all' ? {} : { status: tab }) });
  },
  toRow,
  keepRowsWhileRefreshing: true,
});

/** 智能柜设备 (staff): the devices of the caller's stores, online status, last heartbeat, open alarms. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    tab: 'all',
    tabs: TABS,
    rows: [] as Row[],
  },

  ...list,

  onShow() {
    void this.refresh();
  },

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ tab: event.detail.value, rows: [] });
    void this.refresh();
  },

  onOpen(event: WechatMiniprogram.TouchEvent<object, object, { code: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminCabinetDevice, { deviceCode: event.currentTarget.dataset.code }) });
  },
});
