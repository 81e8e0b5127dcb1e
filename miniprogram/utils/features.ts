/**
 * Diner features and the page that serves each. `page: null` means the feature is not built
 * yet: entries show 「即将上线」 instead of a placeholder page. Whoever ships a feature page sets
 * its path here, and 首页 and 扫一扫 start routing to it.
 */
export type FeatureKey = 'cabinet' | 'ordering' | 'memberCenter';

export interface Feature {
  title: string;
  page: string | null;
}

export const FEATURES: Record<FeatureKey, Feature> = {
  cabinet: { title: '扫码开门', page: null },
  ordering: { title: '扫码点餐', page: null },
  memberCenter: { title: '会员中心', page: null },
};

export const TAB_PAGES = {
  home: '/pages/home/index/index',
  scan: '/pages/scan/index/index',
  orders: '/pages/order/list/index',
  mine: '/pages/mine/index/index',
} as const;

export type TabKey = keyof typeof TAB_PAGES;

export const ADMIN_WORKBENCH_PAGE = '/admin/pages/workbench/index';
export const ADMIN_STORE_PAGE = '/admin/pages/store/index';
export const DEV_SETTINGS_PAGE = '/pages/dev/settings/index';

export function comingSoonMessage(feature: FeatureKey): string {
  return `${FEATURES[feature].title}即将上线`;
}
