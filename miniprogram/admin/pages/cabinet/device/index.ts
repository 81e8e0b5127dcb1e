import type { PageStatus } from '../../../../components/page-state/index';
import { listMyStores } from '../../../services/admin';
import { bindDevice, getDevice, getDeviceQrCode, newRequestId, openForRestock, type DeviceDetail } from '../../../services/cabinet';
import { queryId } from '../../../utils/query-id';
import { errorMessage } from '../../../../services/errors';
import { toast, toastError } from '../../../../utils/feedback';
import { formatDateTime } from '../../../../utils/format';
import { DEVICE_STATUS_LABELS, DEVICE_STATUS_THEMES } from '../../../../utils/labels/cabinet';
import { errorState } from '../../../../utils/page-error';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';

interface AlarmRow {
  alarmId: string;
  title: string;
  description: string;
  resolved: boolean;
  maintenance: boolean;
}

function deviceData(d: DeviceDetail) {
  return {
    name: d.name || d.deviceCode,
    vendor: d.vendor,
    storeId: d.storeId ?? '',
    storeName: d.storeName ?? '未绑定门店',
    statusLabel: DEVICE_STATUS_LABELS[d.status],
    theme: DEVICE_STATUS_THEMES[d.status],
    heartbeat: d.lastHeartbeatAt ? formatDateTime(d.lastHeartbeatAt) : '尚无心跳',
    bindText: d.bindStatusText,
    alarms: d.recentAlarms.map((a): AlarmRow => ({
      alarmId: a.alarmId,
      title: `${a.kindText}${a.resolved ? '（已恢复）' : ''}`,
      description: `${formatDateTime(a.occurredAt)} · ${a.message}`,
      resolved: a.resolved,
      maintenance: a.category === 'maintenance',
    })),
    sessionText: d.currentSession ? `${d.currentSession.purpose === 'restock' ? '补货' : '购物'} · ${d.currentSession.stateText}` : '',
  };
}

/**
 * 设备详情 (`?deviceCode=`, staff): online status and last heartbeat, recent alarms, the device's
 * 小程序码 to print on the door, binding to one of the caller's stores (managers) and 开门补货.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    deviceCode: '',
    name: '',
    vendor: '',
    storeId: '',
    storeName: '',
    statusLabel: '',
    theme: 'default',
    heartbeat: '',
    bindText: '',
    alarms: [] as AlarmRow[],
    sessionText: '',
    qrSrc: '',
    qrError: '',
    canBind: false,
    stores: [] as { value: string; label: string }[],
    bindStoreId: '',
    binding: false,
    confirmRestock: false,
    restocking: false,
  },

  restockRequestId: '',

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'deviceCode', '设备编号')) void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      const [device, session] = await Promise.all([getDevice(this.data.deviceCode), loadSession()]);
      const canBind = can(session.role, 'cabinet.bindDevice');
      this.setData({ status: 'ready', ...deviceData(device), canBind, bindStoreId: device.storeId ?? '' });
      void this.loadQrCode();
      if (canBind) void this.loadStores();
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  async loadQrCode() {
    try {
      const qr = await getDeviceQrCode(this.data.deviceCode);
      this.setData({ qrSrc: `data:${qr.contentType};base64,${qr.imageBase64}`, qrError: '' });
    } catch (error) {
      this.setData({ qrSrc: '', qrError: errorMessage(error) });
    }
  },

  async loadStores() {
    try {
      const { items } = await listMyStores(1, 100);
      this.setData({ stores: items.map((s) => ({ value: s._id, label: s.name })) });
    } catch (error) {
      toastError(this, error);
    }
  },

  onBindStoreChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ bindStoreId: e.detail.value });
  },

  async onBind() {
    const storeId = this.data.bindStoreId;
    if (this.data.binding || !storeId) return;
    this.setData({ binding: true });
    try {
      await bindDevice({ deviceCode: this.data.deviceCode, storeId });
      toast(this, '已绑定门店', 'success');
      this.setData({ ...deviceData(await getDevice(this.data.deviceCode)) });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ binding: false });
    }
  },

  onAskRestock() {
    this.setData({ confirmRestock: true });
  },

  onCancelRestock() {
    this.setData({ confirmRestock: false });
  },

  async onRestock() {
    if (this.data.restocking) return;
    this.restockRequestId = this.restockRequestId || newRequestId('restock');
    this.setData({ confirmRestock: false, restocking: true });
    try {
      const session = await openForRestock(this.data.deviceCode, this.restockRequestId);
      this.restockRequestId = '';
      toast(this, `补货开门：${session.stateText}`, 'success');
      this.setData({ ...deviceData(await getDevice(this.data.deviceCode)) });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ restocking: false });
    }
  },

  onPreviewQr() {
    if (this.data.qrSrc) wx.previewImage({ urls: [this.data.qrSrc], current: this.data.qrSrc });
  },
});
