import type { PageStatus } from '../../../../components/page-state/index';
import type { InvitationView, StaffView } from '../../../services/admin';
import { disableInvitation, listInvitations, listStaff, storeNames, updateStaff } from '../../../services/admin';
import { INVITATION_STATUS_LABELS, STAFF_ROLE_LABELS, STAFF_STATUS_LABELS } from '../../../../utils/labels/admin';
import { errorState } from '../../../../utils/page-error';
import { toast, toastError } from '../../../../utils/feedback';
import { ROUTES } from '../../../../config/routes';
import type { StaffRole } from '../../../../../typings/api/common';

interface StaffRow extends StaffView {
  roleLabel: string;
  statusLabel: string;
  stores: string;
}
interface InvitationRow extends InvitationView {
  roleLabel: string;
  statusLabel: string;
  stores: string;
}

const ROLE_CHOICES: StaffRole[] = ['manager', 'clerk', 'admin'];

/** 员工与邀请 (admins, managers): invitations (作废) and staff (change role or stores, 停用 / 恢复). */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    invitations: [] as InvitationRow[],
    staff: [] as StaffRow[],
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    if (!this.data.staff.length) this.setData({ status: 'loading' });
    try {
      const [names, invitations, staff] = await Promise.all([storeNames(), listInvitations(1, 50), listStaff(1, 100)]);
      const storesOf = (ids: string[]) => (ids.length ? ids.map((id) => names[id] ?? '其他门店').join('、') : '全部门店');
      this.setData({
        invitations: invitations.items.map((i) => ({
          ...i,
          roleLabel: STAFF_ROLE_LABELS[i.role],
          statusLabel: INVITATION_STATUS_LABELS[i.status],
          stores: storesOf(i.storeIds),
        })),
        staff: staff.items.map((s) => ({
          ...s,
          roleLabel: STAFF_ROLE_LABELS[s.role],
          statusLabel: STAFF_STATUS_LABELS[s.status],
          stores: storesOf(s.storeIds),
        })),
        status: 'ready',
      });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onInvite() {
    wx.navigateTo({ url: ROUTES.adminInvite });
  },

  async onDisableInvitation(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const { confirm } = await wx.showModal({ title: '作废邀请', content: '作废后这个邀请码不能再使用。', confirmText: '作废' });
    if (!confirm) return;
    try {
      await disableInvitation(e.currentTarget.dataset.id);
      toast(this, '邀请已作废', 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    }
  },

  async onToggleStaff(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string; status: string }>) {
    const { id, status } = e.currentTarget.dataset;
    const next = status === 'active' ? 'disabled' : 'active';
    try {
      await updateStaff({ staffId: id, status: next });
      toast(this, next === 'disabled' ? '已停用' : '已恢复', 'success');
      await this.load();
    } catch (error) {
      toastError(this, error);
    }
  },

  async onChangeRole(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    const labels = ROLE_CHOICES.map((role) => STAFF_ROLE_LABELS[role]);
    try {
      const { tapIndex } = await wx.showActionSheet({ itemList: labels });
      await updateStaff({ staffId: e.currentTarget.dataset.id, role: ROLE_CHOICES[tapIndex] });
      toast(this, `已改为${labels[tapIndex]}`, 'success');
      await this.load();
    } catch (error) {
      // cancelling the sheet is not an error
      if ((error as { errMsg?: string })?.errMsg?.includes('cancel')) return;
      toastError(this, error);
    }
  },
});
