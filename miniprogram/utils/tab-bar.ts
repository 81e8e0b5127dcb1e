import type { TabKey } from '../config/routes';

/**
 * With a custom tab bar each tab page must tell it which tab is active (WeChat keeps one
 * tab-bar instance per page). Outside WeChat (tests) getTabBar may be missing.
 */
export function syncTabBar(page: WechatMiniprogram.Page.TrivialInstance | WechatMiniprogram.Component.TrivialInstance, tab: TabKey): void {
  const getTabBar = (page as { getTabBar?: () => WechatMiniprogram.Component.TrivialInstance | undefined }).getTabBar;
  if (typeof getTabBar !== 'function') return;
  getTabBar.call(page)?.setData({ value: tab });
}
