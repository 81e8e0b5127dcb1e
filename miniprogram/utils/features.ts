/**
 * Diner features and the page that serves each. `page: null` means the feature is not built
 * yet: entries show 「即将上线」 instead of a placeholder page. Whoever ships a feature page sets
 * its path here, and 首页 and 扫一扫 start routing to it.
 */
export type FeatureKey = 'cabinet' | 'ordering' | 'memberCenter' | 'pointsLog' | 'redeem';

export interface Feature {
  title: string;
  page: string | null;
}

export const FEATURES: Record<FeatureKey, Feature> = {
  cabinet: { title: '扫码开门', page: null },
  ordering: { title: '扫码点餐', page: null },
  memberCenter: { title: '会员中心', page: '/pages/member/center/index' },
  pointsLog: { title: '积分明细', page: '/pages/member/points-log/index' },
  redeem: { title: '积分兑换', page: '/pages/member/redeem/index' },
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
export const ADMIN_POS_PAGE = '/admin/pages/pos/integrations/index';
export const ADMIN_PAYMENTS_PAGE = '/admin/pages/payments/list/index';
export const ADMIN_MEMBER_LOOKUP_PAGE = '/admin/pages/members/lookup/index';
export const DEV_SETTINGS_PAGE = '/pages/dev/settings/index';

/** Both take `?orderId=`. */
export const ORDER_DETAIL_PAGE = '/pages/order/detail/index';
export const PAYMENT_CHECKOUT_PAGE = '/pages/payment/checkout/index';

export function withOrderId(page: string, orderId: string): string {
  return `${page}?orderId=${encodeURIComponent(orderId)}`;
}

export function comingSoonMessage(feature: FeatureKey): string {
  return `${FEATURES[feature].title}即将上线`;
}
