import type { StaffView } from '../../../services/admin';
import { acceptInvitation } from '../../../services/admin';
import { errorMessage } from '../../../../services/errors';
import { STAFF_ROLE_LABELS } from '../../../../utils/labels/admin';
import { ROUTES } from '../../../../config/routes';
import { loadSession } from '../../../../utils/session';

/**
 * 接受员工邀请: opened from the inviter's share card (`?code=`), a scanned QR (`?scene=`, URL-encoded)
 * or typed by hand (the bootstrap's administrator code). Binds the caller's WeChat (openid).
 */
Page({
  data: {
    code: '',
    submitting: false,
    errorText: '',
    staff: null as StaffView | null,
    roleLabel: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    const code = query.code ?? (query.scene ? decodeURIComponent(query.scene) : '');
    this.setData({ code });
  },

  onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ code: e.detail.value, errorText: '' });
  },

  async onAccept() {
    const code = this.data.code.trim();
    if (!code) return this.setData({ errorText: '请输入邀请码' });
    this.setData({ submitting: true, errorText: '' });
    try {
      const { staff } = await acceptInvitation(code);
      // the caller is staff now: reload who they are for the staff pages
      void loadSession(true).catch(() => undefined);
      this.setData({ staff, roleLabel: STAFF_ROLE_LABELS[staff.role] });
    } catch (error) {
      this.setData({ errorText: errorMessage(error) });
    } finally {
      this.setData({ submitting: false });
    }
  },

  onOpenWorkbench() {
    wx.redirectTo({ url: ROUTES.adminWorkbench });
  },
});
