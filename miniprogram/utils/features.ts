import { ROUTES, type Route } from '../config/routes';

/**
 * Diner features and the page that serves each. `page: null` means the feature is not built
 * yet: entries show 「即将上线」 instead of a placeholder page. Whoever ships a feature page adds
 * it to config/routes.ts and sets it here, and 首页 and 扫一扫 start routing to it.
 */
export type FeatureKey = 'cabinet' | 'ordering' | 'memberCenter' | 'pointsLog' | 'ticketsLog' | 'redeem';

export interface Feature {
  title: string;
  page: Route | null;
}

export const FEATURES: Record<FeatureKey, Feature> = {
  cabinet: { title: '扫码开门', page: ROUTES.cabinetOpen },
  ordering: { title: '扫码点餐', page: ROUTES.tableMenu },
  memberCenter: { title: '会员中心', page: ROUTES.memberCenter },
  pointsLog: { title: '积分明细', page: ROUTES.pointsLog },
  ticketsLog: { title: '礼票明细', page: ROUTES.ticketsLog },
  redeem: { title: '积分兑换', page: ROUTES.redeem },
};

export function comingSoonMessage(feature: FeatureKey): string {
  return `${FEATURES[feature].title}即将上线`;
}
