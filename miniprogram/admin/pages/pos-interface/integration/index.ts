import type { PageStatus } from '../../../../components/page-state/index';
import { errorState } from '../../../../utils/page-error';
import {
  deleteIntegration,
  getIntegration,
  integrationHealth,
  rotateSecret,
  setIntegrationEnabled,
  testConnection,
  type PosIntegrationView,
  type RotateSecretResult,
  type WindowHealth,
} from '../../../services/pos-interface';
import { formatDateTime } from '../../../../utils/format';
import { toast, toastError } from '../../../../utils/feedback';
import { EVENT_LABELS, HEALTH_LABELS, SYNC_STATUS, VENDOR_LABELS } from '../../../utils/pos-labels';
import { ROUTES, withQuery } from '../../../../config/routes';
import { storeNameOf, storeNames } from '../../../services/admin';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';
import { queryId } from '../../../utils/query-id';

function healthText(h: WindowHealth | undefined): string {
  if (!h || h.score === null) return '无数据';
  return `${h.score} 分 · ${HEALTH_LABELS[h.grade]} · 成功率 ${h.successRate}%（${h.total} 次）`;
}

/** One integration: settings, health, and the staff operations on it. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    integrationId: '',
    item: null as PosIntegrationView | null,
    vendorLabel: '',
    storeName: '',
    canDelete: false,
    statusLabel: '',
    statusTheme: 'default',
    eventsText: '',
    lastTestText: '',
    graceText: '',
    health24h: '',
    health7d: '',
    busy: '',
    confirm: '' as '' | 'rotate' | 'disable' | 'delete',
    rotated: null as RotateSecretResult | null,
  },

  onLoad(query: Record<string, string | undefined>) {
    if (queryId(this, query, 'integrationId', '接入')) void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading', errorText: '' });
    try {
      const [item, health, names, session] = await Promise.all([
        getIntegration(this.data.integrationId),
        integrationHealth(this.data.integrationId),
        storeNames(),
        loadSession(),
      ]);
      const own = health.integrations.find((h) => h.integrationId === item._id);
      this.show(item);
      this.setData({
        health24h: healthText(own?.last24h),
        health7d: healthText(own?.last7d),
        storeName: storeNameOf(names, item.storeId),
        // 删除接入 is for admins only (the contract's roles)
        canDelete: can(session.role, 'pos-interface.deleteIntegration'),
        status: 'ready',
      });
      wx.setNavigationBarTitle({ title: item.name });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  show(item: PosIntegrationView) {
    const status = SYNC_STATUS[item.status];
    this.setData({
      item,
      vendorLabel: VENDOR_LABELS[item.vendor] ?? item.vendor,
      statusLabel: status?.label ?? item.status,
      statusTheme: status?.theme ?? 'default',
      eventsText: item.events.map((e) => EVENT_LABELS[e] ?? e).join('、') || '未订阅',
      lastTestText: item.lastTestAt
        ? `${item.lastTestOk ? '成功' : `失败：${item.lastTestError ?? ''}`} · ${item.lastTestLatencyMs ?? 0} ms · ${formatDateTime(item.lastTestAt)}`
        : '未测试',
      graceText: item.previousSecrets.length ? item.previousSecrets.map((p) => `${p.fingerprint}（至 ${formatDateTime(p.expiresAt)}）`).join('；') : '',
    });
  },

  async onTest() {
    this.setData({ busy: 'test' });
    try {
      const result = await testConnection(this.data.integrationId);
      toast(this, result.ok ? `连接成功，耗时 ${result.latencyMs} ms` : `连接失败：${result.error ?? ''}`, result.ok ? 'success' : 'error');
      this.show(await getIntegration(this.data.integrationId));
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },

  onAskRotate() {
    this.setData({ confirm: 'rotate' });
  },

  onAskToggle() {
    if (this.data.item?.status === 'active') this.setData({ confirm: 'disable' });
    else void this.toggle();
  },

  onAskDelete() {
    this.setData({ confirm: 'delete' });
  },

  onCancelConfirm() {
    this.setData({ confirm: '' });
  },

  onConfirm() {
    const action = this.data.confirm;
    this.setData({ confirm: '' });
    if (action === 'rotate') void this.rotate();
    if (action === 'disable') void this.toggle();
    if (action === 'delete') void this.remove();
  },

  async rotate() {
    this.setData({ busy: 'rotate' });
    try {
      const rotated = await rotateSecret(this.data.integrationId, 24);
      this.show(rotated.integration);
      this.setData({ rotated });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },

  async toggle() {
    const item = this.data.item;
    if (!item) return;
    this.setData({ busy: 'toggle' });
    try {
      this.show(await setIntegrationEnabled(item._id, item.status !== 'active'));
      toast(this, item.status === 'active' ? '已停用' : '已启用', 'success');
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },

  async remove() {
    const item = this.data.item;
    if (!item) return;
    this.setData({ busy: 'delete' });
    try {
      await deleteIntegration(item._id, item.name);
      toast(this, '已删除', 'success');
      wx.navigateBack({ delta: 1 });
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busy: '' });
    }
  },

  onSecretCopied() {
    toast(this, '已复制', 'success');
  },

  onSecretDone() {
    this.setData({ rotated: null });
  },

  onEdit() {
    wx.navigateTo({ url: withQuery(ROUTES.posEdit, { integrationId: this.data.integrationId }) });
  },

  onShow() {
    // back from 编辑: show the saved settings
    if (this.data.status === 'ready') void this.load();
  },

  onMenuPush() {
    wx.navigateTo({ url: withQuery(ROUTES.posMenuPush, { integrationId: this.data.integrationId }) });
  },

  onSyncLogs() {
    wx.navigateTo({ url: withQuery(ROUTES.posSyncLogs, { integrationId: this.data.integrationId }) });
  },

  onDeadLetters() {
    wx.navigateTo({ url: withQuery(ROUTES.posDeadLetters, { integrationId: this.data.integrationId }) });
  },
});
