import type { PageStatus } from '../../../components/page-state/index';
import { errorMessage } from '../../../services/errors';
import { bindPhone, getProfile, type MemberProfile } from '../../../services/member';
import { ROUTES } from '../../../config/routes';
import { toast, toastError } from '../../../utils/feedback';
import { discountLabel } from '../../../utils/labels/member';

function viewOf(profile: MemberProfile) {
  return {
    levelName: profile.level.name,
    discountText: discountLabel(profile.level.discountRate),
    points: profile.points,
    tickets: profile.tickets,
    totalEarned: profile.totalEarned,
    progressPercent: profile.progressPercent,
    progressText: profile.nextLevel ? `再累计 ${profile.pointsToNext} 积分升级为${profile.nextLevel.name}` : '已是最高等级',
    phone: profile.phone ?? '',
  };
}

/** 会员中心: level, progress to the next level, points and gift tickets. */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    levelName: '',
    discountText: '',
    points: 0,
    tickets: 0,
    totalEarned: 0,
    progressPercent: 0,
    progressText: '',
    phone: '',
    binding: false,
  },

  onShow() {
    // Back from 积分兑换: balances changed.
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    if (this.data.status !== 'ready') this.setData({ status: 'loading', errorText: '' });
    try {
      this.setData({ ...viewOf(await getProfile()), status: 'ready' });
    } catch (error) {
      this.setData({ status: 'error', errorText: errorMessage(error) });
    }
  },

  async onGetPhoneNumber(e: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
    const code = e.detail?.code;
    if (!code) {
      toast(this, '未授权手机号');
      return;
    }
    this.setData({ binding: true });
    try {
      this.setData(viewOf(await bindPhone(code)));
      toast(this, '手机号已绑定', 'success');
    } catch (error) {
      toastError(this, error);
    } finally {
      this.setData({ binding: false });
    }
  },

  onOpenPointsLog() {
    wx.navigateTo({ url: ROUTES.pointsLog });
  },

  onOpenRedeem() {
    wx.navigateTo({ url: ROUTES.redeem });
  },
});
