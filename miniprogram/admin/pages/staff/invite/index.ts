import type { PageStatus } from '../../../../components/page-state/index';
import type { CreatedInvitation, StoreSummary } from '../../../services/admin';
import { createInvitation, listMyStores } from '../../../services/admin';
import { isApiError } from '../../../../services/errors';
import { loadSession } from '../../../../utils/session';
import { STAFF_ROLE_LABELS } from '../../../../utils/labels/admin';
import { errorState } from '../../../../utils/page-error';
import { toast, toastError } from '../../../../utils/feedback';
import { formatDateTime } from '../../../../utils/format';
import type { StaffRole } from '../../../../../typings/api/common';

/**
 * 邀请员工: role + stores + name → a one-time code to share (share card opens 接受邀请 with it).
 * Admins may invite any role; managers only 店长/店员 of their own stores (the function enforces it).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    stores: [] as StoreSummary[],
    roles: [] as { value: StaffRole; label: string }[],
    form: { role: 'clerk' as StaffRole, storeIds: [] as string[], name: '' },
    fieldError: '',
    fieldErrorText: '',
    submitting: false,
    created: null as CreatedInvitation | null,
    roleLabel: '',
    expiresText: '',
  },

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ status: 'loading' });
    try {
      const [session, stores] = await Promise.all([loadSession(), listMyStores(1, 100)]);
      const roles = (session.role === 'admin' ? (['admin', 'manager', 'clerk'] as StaffRole[]) : (['manager', 'clerk'] as StaffRole[])).map((value) => ({
        value,
        label: STAFF_ROLE_LABELS[value],
      }));
      this.setData({ stores: stores.items, roles, 'form.storeIds': stores.items.length === 1 ? [stores.items[0]._id] : [], status: 'ready' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, fieldError: '', fieldErrorText: '' });
  },

  async onSubmit() {
    const { form } = this.data;
    if (!form.name.trim()) return this.setData({ fieldError: 'name', fieldErrorText: '请填写受邀人的称呼' });
    if (form.role !== 'admin' && form.storeIds.length === 0) return this.setData({ fieldError: 'storeIds', fieldErrorText: '请至少选择一个门店' });
    this.setData({ submitting: true });
    try {
      const created = await createInvitation({ role: form.role, storeIds: form.storeIds, name: form.name.trim() });
      this.setData({ created, roleLabel: STAFF_ROLE_LABELS[created.role], expiresText: formatDateTime(created.expiresAt) });
    } catch (error) {
      const field = isApiError(error) ? String(error.details?.field ?? '').split('.')[0] : '';
      if (field) this.setData({ fieldError: field, fieldErrorText: (error as Error).message });
      else toastError(this, error);
    } finally {
      this.setData({ submitting: false });
    }
  },

  onCopy() {
    const created = this.data.created;
    if (!created) return;
    wx.setClipboardData({ data: created.code, success: () => toast(this, '邀请码已复制', 'success') });
  },

  onShareAppMessage() {
    const created = this.data.created;
    return created ? { title: `邀请你成为「${this.data.roleLabel}」`, path: `/${created.path}` } : { title: '气候餐厅员工邀请' };
  },
});
