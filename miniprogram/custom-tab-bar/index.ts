import { TAB_ROUTES, type TabKey } from '../config/routes';

/**
 * The tab bar (app.json `tabBar.custom`), drawn with TDesign so it matches the rest of the UI.
 * WeChat creates one instance per tab page; each page sets `value` in onShow (utils/tab-bar.ts).
 */
const TABS: { value: TabKey; label: string; icon: string }[] = [
  { value: 'home', label: '首页', icon: 'home' },
  { value: 'scan', label: '扫一扫', icon: 'scan' },
  { value: 'orders', label: '订单', icon: 'view-list' },
  { value: 'mine', label: '我的', icon: 'user' },
];

Component({
  data: {
    value: 'home' as TabKey,
    tabs: TABS,
  },
  methods: {
    onChange(e: WechatMiniprogram.CustomEvent<{ value: TabKey }>) {
      const value = e.detail.value;
      wx.switchTab({ url: TAB_ROUTES[value] });
    },
  },
});
