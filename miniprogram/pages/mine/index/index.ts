import type { Session } from '../../../../typings/api/member';
import type { PageStatus } from '../../../components/page-state/index';
import { config } from '../../../config/index';
import { errorMessage } from '../../../services/errors';
import { getDevIdentity } from '../../../utils/dev-identity';
import { toast } from '../../../utils/feedback';
import { ROUTES, TAB_ROUTES } from '../../../config/routes';
import { comingSoonMessage, FEATURES, type FeatureKey } from '../../../utils/features';
import { memberSummaryLine, ROLE_LABELS } from '../../../utils/labels/member';
import { loadSession } from '../../../utils/session';
import { syncTabBar } from '../../../utils/tab-bar';

type CellAction = 'orders' | 'memberCenter' | 'pointsLog' | 'ticketsLog' | 'workbench' | 'acceptInvitation' | 'devSettings';

/** Admins see every store (their storeIds do not matter); others manage the stores they are given. */
function storesLine(session: Session): string {
  if (session.role === 'admin') return '管理全部门店';
  const count = session.staff?.storeIds.length ?? 0;
  return count ? `管理 ${count} 家门店` : '暂未分配门店';
}

function profileOf(session: Session) {
  const member = session.member;
  return {
    nickname: member?.nickname || '微信用户',
    memberLine: member ? memberSummaryLine(member) : '尚未加入会员',
    isStaff: session.isStaff,
    roleLabel: ROLE_LABELS[session.role],
    staffLine: session.staff ? `${session.staff.name} · ${storesLine(session)}` : '',
  };
}

/** 我的: profile, entries, and the staff entry that only staff see (the backend decides who is staff). */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    nickname: '',
    memberLine: '',
    isStaff: false,
    roleLabel: '',
    staffLine: '',
    localMode: config.mode === 'local',
    testUserLabel: '',
  },

  onShow() {
    syncTabBar(this, 'mine');
    if (this.data.localMode) this.setData({ testUserLabel: getDevIdentity().label });
    void this.load();
  },

  onRetry() {
    void this.load(true);
  },

  async load(force = false) {
    // Re-shown after switching test user in 设置: that page already refreshed the session.
    if (this.data.status !== 'ready') this.setData({ status: 'loading', errorText: '' });
    try {
      const session = await loadSession(force);
      this.setData({ ...profileOf(session), status: 'ready' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error), isStaff: false });
    }
  },

  openFeature(key: FeatureKey) {
    const page = FEATURES[key].page;
    if (page) wx.navigateTo({ url: page });
    else toast(this, comingSoonMessage(key));
  },

  onCellTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { action: CellAction }>) {
    switch (e.currentTarget.dataset.action) {
      case 'orders':
        wx.switchTab({ url: TAB_ROUTES.orders });
        break;
      case 'memberCenter':
      case 'pointsLog':
      case 'ticketsLog':
        this.openFeature(e.currentTarget.dataset.action);
        break;
      case 'workbench':
        wx.navigateTo({ url: ROUTES.adminWorkbench });
        break;
      case 'acceptInvitation':
        wx.navigateTo({ url: ROUTES.adminAcceptInvitation });
        break;
      case 'devSettings':
        wx.navigateTo({ url: ROUTES.devSettings });
        break;
    }
  },
});
