/**
 * Every page of the mini-program, once. Pages and components navigate with these constants, never
 * with a path written out (test/miniprogram/routes.test.ts checks that this table and app.json
 * list the same pages, and that no page or component spells a page path itself). Subpackage pages
 * (`/admin/…`) are listed here too: a constant costs the main package nothing.
 */
export const ROUTES = {
  // tab bar
  home: '/pages/home/index/index',
  scan: '/pages/scan/index/index',
  orders: '/pages/ordering/list/index',
  mine: '/pages/mine/index/index',
  // diner pages
  devSettings: '/pages/dev/settings/index',
  /** `?orderId=` */
  orderDetail: '/pages/ordering/detail/index',
  /** `?orderId=` */
  paymentCheckout: '/pages/payment/checkout/index',
  /** `?paymentId=` */
  paymentResult: '/pages/payment/result/index',
  memberCenter: '/pages/member/center/index',
  pointsLog: '/pages/member/points-log/index',
  redeem: '/pages/member/redeem/index',
  ticketsLog: '/pages/tickets/log/index',
  /** `?code=` selects the scanned store at once */
  storePicker: '/pages/store/picker/index',
  // cabinet subpackage (smart cabinets)
  /** `?deviceCode=` | `?storeCode=` | `?scene=` (d=<deviceCode> / s=<storeCode>, from the cabinet's 小程序码) */
  cabinetOpen: '/cabinet/pages/open/index',
  /** `?sessionId=` */
  cabinetShopping: '/cabinet/pages/shopping/index',
  /** `?sessionId=` */
  cabinetResult: '/cabinet/pages/result/index',
  /**
   * 扫码点餐 `?scene=` (the table's 小程序码: the ordering contract's TABLE_CODE_PAGE). In the main
   * package: a diner scanning a table code lands here without waiting for a subpackage download.
   */
  tableMenu: '/pages/ordering/table/index',
  /** 订单状态 of a table order, `?orderId=` */
  tableOrder: '/pages/ordering/table-order/index',
  // admin subpackage (staff)
  adminWorkbench: '/admin/pages/workbench/index',
  /** `?storeId=` */
  adminStore: '/admin/pages/store/index',
  posIntegrations: '/admin/pages/pos-interface/integrations/index',
  /** `?integrationId=` */
  posIntegration: '/admin/pages/pos-interface/integration/index',
  posCreate: '/admin/pages/pos-interface/create/index',
  /** `?integrationId=` */
  posEdit: '/admin/pages/pos-interface/edit/index',
  /** `?integrationId=` */
  posMenuPush: '/admin/pages/pos-interface/menu-push/index',
  /** `?integrationId=` (optional) */
  posSyncLogs: '/admin/pages/pos-interface/sync-logs/index',
  /** `?integrationId=` (optional) */
  posDeadLetters: '/admin/pages/pos-interface/dead-letters/index',
  adminPayments: '/admin/pages/payment/list/index',
  /** `?paymentId=` */
  adminPaymentDetail: '/admin/pages/payment/detail/index',
  /** `?paymentId=`: 完结 / 取消 a Pay Score order (managers) */
  adminPayScore: '/admin/pages/payment/payscore/index',
  adminMemberLookup: '/admin/pages/member/lookup/index',
  adminRedemptionVerify: '/admin/pages/member/verify/index',
  /** `?storeId=` to edit; none to create */
  adminStoreEdit: '/admin/pages/store/edit/index',
  adminStaff: '/admin/pages/staff/list/index',
  adminInvite: '/admin/pages/staff/invite/index',
  /** `?code=` (share card) or `?scene=` (QR); the invitee's page */
  adminAcceptInvitation: '/admin/pages/staff/accept/index',
  adminAudit: '/admin/pages/audit/index',
  adminCabinetDevices: '/admin/pages/cabinet/devices/index',
  /** `?deviceCode=` */
  adminCabinetDevice: '/admin/pages/cabinet/device/index',
  /** `?storeId=` (optional) */
  adminCabinetProducts: '/admin/pages/cabinet/products/index',
  /** `?storeId=&sku=` (no sku: a new product) */
  adminCabinetProduct: '/admin/pages/cabinet/product/index',
  adminCabinetOrders: '/admin/pages/cabinet/orders/index',
  /** `?orderId=` */
  adminCabinetOrder: '/admin/pages/cabinet/order/index',
  adminCabinetManual: '/admin/pages/cabinet/manual/index',
  /** `?storeId=` (optional: the first managed store) — 后厨看板, landscape on tablets */
  kitchenBoard: '/admin/pages/kitchen/index',
  /** `?storeId=` (optional) */
  adminDishes: '/admin/pages/dishes/list/index',
  /** `?storeId=` and `?dishId=` (absent: a new dish) */
  adminDishEdit: '/admin/pages/dishes/edit/index',
  /** `?storeId=` (optional) — 桌台与桌码 */
  adminTables: '/admin/pages/tables/index',
  /** `?storeId=` (optional): print jobs that failed every retry (qr-live) */
  printJobs: '/admin/pages/printing/jobs/index',
} as const;

export type RouteKey = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteKey];

/** The tab pages (app.json `tabBar.list`): reached with wx.switchTab, never navigateTo. */
export const TAB_ROUTES = {
  home: ROUTES.home,
  scan: ROUTES.scan,
  orders: ROUTES.orders,
  mine: ROUTES.mine,
} as const satisfies Record<string, Route>;

export type TabKey = keyof typeof TAB_ROUTES;

/** A page with its query, every value URL-encoded: `withQuery(ROUTES.orderDetail, { orderId })`. */
export function withQuery(route: Route, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return pairs.length ? `${route}?${pairs.join('&')}` : route;
}
