import { closeManualTask, listManualTasks, retryManualTask, type ManualTaskStatus, type ManualTaskView } from '../../../services/cabinet';
import { ROUTES, withQuery } from '../../../../config/routes';
import { toast, toastError } from '../../../../utils/feedback';
import { formatDateTime } from '../../../../utils/format';
import { TASK_KIND_LABELS, TASK_STATUS_LABELS, TASK_STATUS_THEMES, type TagTheme } from '../../../../utils/labels/cabinet';
import { PAGED_LIST_DATA, pagedList } from '../../../../utils/paged-list';
import { can } from '../../../../utils/permissions';
import { loadSession } from '../../../../utils/session';

interface Row {
  taskId: string;
  kindLabel: string;
  statusLabel: string;
  theme: TagTheme;
  reason: string;
  meta: string;
  closedReason: string;
  orderId: string;
  actionable: boolean;
}

function toRow(t: ManualTaskView): Row {
  const where = [t.deviceCode, t.vendorOrderNo ? `小麦单号 ${t.vendorOrderNo}` : ''].filter(Boolean).join(' · ');
  return {
    taskId: t.taskId,
    kindLabel: TASK_KIND_LABELS[t.kind],
    statusLabel: TASK_STATUS_LABELS[t.status],
    theme: TASK_STATUS_THEMES[t.status],
    reason: t.reason,
    meta: `${formatDateTime(t.createdAt)} · 已尝试 ${t.attempts} 次${where ? ` · ${where}` : ''}`,
    closedReason: t.closedReason ? `关闭原因：${t.closedReason}` : '',
    orderId: t.orderId ?? '',
    actionable: t.status === 'open',
  };
}

const TABS: { value: ManualTaskStatus; label: string }[] = (Object.keys(TASK_STATUS_LABELS) as ManualTaskStatus[]).map((value) => ({
  value,
  label: TASK_STATUS_LABELS[value],
}));

const list = pagedList({
  key: 'rows',
  fetch: (page, pageNo, pageSize) => listManualTasks({ status: page.data.tab as ManualTaskStatus, page: pageNo, pageSize }),
  toRow,
  keepRowsWhileRefreshing: true,
});

/**
 * 人工处理 (staff): what the automatic retries (15/30/60 s) could not finish, orders over the amount
 * limit and abnormal orders, with the reason. Managers 立即重试 (for a review: approve and charge)
 * or 关闭并填写原因 (for a review: nothing charged).
 */
Page({
  data: {
    ...PAGED_LIST_DATA,
    tab: 'open' as ManualTaskStatus,
    tabs: TABS,
    rows: [] as Row[],
    canHandle: false,
    busyTaskId: '',
    closingTaskId: '',
    closeReason: '',
    closeError: '',
  },

  ...list,

  onShow() {
    void loadSession()
      .then((session) => this.setData({ canHandle: can(session.role, 'cabinet.retryManualTask') }))
      .catch(() => undefined);
    void this.refresh();
  },

  onTabChange(event: WechatMiniprogram.CustomEvent<{ value: ManualTaskStatus }>) {
    this.setData({ tab: event.detail.value, rows: [] });
    void this.refresh();
  },

  async onRetryTask(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    const taskId = e.currentTarget.dataset.id;
    if (this.data.busyTaskId) return;
    this.setData({ busyTaskId: taskId });
    try {
      const task = await retryManualTask(taskId);
      toast(this, `已重试：${task.statusText}`, 'success');
      await this.refresh();
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busyTaskId: '' });
    }
  },

  onAskClose(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    this.setData({ closingTaskId: e.currentTarget.dataset.id, closeReason: '', closeError: '' });
  },

  onCloseReasonInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ closeReason: e.detail.value, closeError: '' });
  },

  onCancelClose() {
    this.setData({ closingTaskId: '' });
  },

  async onConfirmClose() {
    const taskId = this.data.closingTaskId;
    const reason = this.data.closeReason.trim();
    if (reason.length < 2 || reason.length > 80) {
      this.setData({ closeError: '请填写原因（2–80 字）' });
      return;
    }
    this.setData({ closingTaskId: '', busyTaskId: taskId });
    try {
      await closeManualTask(taskId, reason);
      toast(this, '已关闭', 'success');
      await this.refresh();
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ busyTaskId: '' });
    }
  },

  onOpenOrder(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminCabinetOrder, { orderId: e.currentTarget.dataset.id }) });
  },
});
