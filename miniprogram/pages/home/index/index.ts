import { ROUTES } from '../../../config/routes';
import { currentStore } from '../../../utils/current-store';
import { errorMessage } from '../../../services/errors';
import { toast } from '../../../utils/feedback';
import { comingSoonMessage, FEATURES, type FeatureKey } from '../../../utils/features';
import { memberSummaryLine } from '../../../utils/labels/member';
import { loadSession } from '../../../utils/session';
import { syncTabBar } from '../../../utils/tab-bar';
import type { PageStatus } from '../../../components/page-state/index';

const ENTRIES: { key: FeatureKey; title: string; description: string; icon: string }[] = [
  { key: 'cabinet', title: FEATURES.cabinet.title, description: '智能柜购物', icon: 'scan' },
  { key: 'ordering', title: FEATURES.ordering.title, description: '扫桌码点餐', icon: 'shop' },
  { key: 'memberCenter', title: FEATURES.memberCenter.title, description: '积分与等级', icon: 'user-circle' },
];

Page({
  data: {
    storeName: currentStore().name,
    entries: ENTRIES,
    memberStatus: 'loading' as PageStatus,
    memberError: '',
    greeting: '',
    memberLine: '',
  },

  onLoad() {
    void this.loadMember();
  },

  onShow() {
    syncTabBar(this, 'home');
    this.setData({ storeName: currentStore().name });
  },

  onPickStore() {
    wx.navigateTo({ url: ROUTES.storePicker });
  },

  async loadMember(force = false) {
    this.setData({ memberStatus: 'loading', memberError: '' });
    try {
      const session = await loadSession(force);
      const member = session.member;
      this.setData({
        memberStatus: 'ready',
        greeting: member?.nickname ? `你好，${member.nickname}` : '你好，欢迎光临',
        memberLine: member ? memberSummaryLine(member) : '尚未加入会员，消费即可累积积分',
      });
    } catch (error) {
      this.setData({ memberStatus: 'error', memberError: errorMessage(error) });
    }
  },

  onRetryMember() {
    void this.loadMember(true);
  },

  onEntryTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { key: FeatureKey }>) {
    const key = e.currentTarget.dataset.key;
    const page = FEATURES[key].page;
    if (page) wx.navigateTo({ url: page });
    else toast(this, comingSoonMessage(key));
  },
});
