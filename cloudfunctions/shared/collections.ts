/**
 * Every collection the product uses, and who owns it (COLLECTION_OWNERS below). Creating them is a deploy step (CloudBase console or
 * `npm run emulator -- ...` locally); product code never creates collections on the fly.
 */
export const Collections = {
  staff: 'staff',
  stores: 'stores',
  devices: 'devices',
  menuItems: 'menu_items',
  orders: 'orders',
  members: 'members',
  memberPointsLogs: 'member_points_logs',
  memberTicketLogs: 'member_ticket_logs',
  memberLevels: 'member_levels',
  memberPhoneClaims: 'member_phone_claims',
  memberStoreLimits: 'member_store_limits',
  memberStoreDailyUsage: 'member_store_daily_usage',
  memberRewards: 'member_rewards',
  memberRedemptions: 'member_redemptions',
  payments: 'payments',
  paymentEvents: 'payment_events',
  refunds: 'refunds',
  posIntegrations: 'pos_integrations',
  posSyncLogs: 'pos_sync_logs',
  posOrders: 'pos_orders',
  posNonces: 'pos_nonces',
  posTokens: 'pos_tokens',
  posRateBuckets: 'pos_rate_buckets',
  webhookOutbox: 'webhook_outbox',
  menuPushes: 'menu_pushes',
  auditLogs: 'audit_logs',
  // 扫码点餐 (issue 13)
  tables: 'tables',
  tableCartLines: 'table_cart_lines',
  menuCategories: 'menu_categories',
  menuSnapshots: 'menu_snapshots',
  posPushQueue: 'pos_push_queue',
  // issue 13 (qr-live): live-view read grants and cloud printing
  liveGrants: 'live_grants',
  storePrinters: 'store_printers',
  printJobs: 'print_jobs',
  printLogs: 'print_logs',
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];
export const ALL_COLLECTIONS: CollectionName[] = Object.values(Collections);

/**
 * Who may write each collection: one context (its context card lists it) or one shared kernel
 * (`shared/orders`, `shared/members`, …) that other contexts write through inside their own
 * transaction. test/static/context-cards.test.ts keeps this table, the cards and the folders in step.
 */
export const COLLECTION_OWNERS: Record<CollectionName, string> = {
  staff: 'admin',
  stores: 'admin',
  devices: 'admin',
  menu_items: 'pos-interface',
  orders: 'shared/orders',
  members: 'member',
  member_points_logs: 'member',
  member_ticket_logs: 'member',
  member_levels: 'member',
  member_phone_claims: 'member',
  member_store_limits: 'member',
  member_store_daily_usage: 'member',
  member_rewards: 'member',
  member_redemptions: 'member',
  payments: 'payment',
  payment_events: 'payment',
  refunds: 'payment',
  pos_integrations: 'pos-interface',
  pos_sync_logs: 'pos-interface',
  pos_orders: 'pos-interface',
  pos_nonces: 'pos-interface',
  pos_tokens: 'pos-interface',
  pos_rate_buckets: 'pos-interface',
  webhook_outbox: 'pos-interface',
  menu_pushes: 'pos-interface',
  audit_logs: 'shared/audit',
  // 扫码点餐 (issue 13)
  tables: 'ordering',
  table_cart_lines: 'ordering',
  menu_categories: 'shared/menu',
  menu_snapshots: 'shared/menu',
  pos_push_queue: 'shared/menu',
  live_grants: 'ordering',
  store_printers: 'ordering',
  print_jobs: 'ordering',
  print_logs: 'ordering',
};

/**
 * The collections the shared integration plumbing (shared/integration) writes for one context
 * that exchanges data with outside parties. Each such context owns its own set, listed here, and
 * binds the plumbing to it (pos-interface: src/repositories/integration-plumbing.ts); the smart
 * cabinet vendor and the ERP add theirs beside it.
 */
export interface IntegrationCollections {
  /** single-use nonces of signed requests (`_id` = party:nonce, `expiresAt`) */
  nonces: CollectionName;
  /** per-party, per-minute request budgets (`_id` = party:minute, `count`, `expiresAt`) */
  rateBuckets: CollectionName;
  /** the exchange (sync) log: one document per inbound or outbound exchange */
  exchangeLog: CollectionName;
  /** webhook events to deliver, with their retry schedule and dead letters */
  outbox: CollectionName;
}

/** pos-interface's integration collections (names kept from before the plumbing was shared). */
export const PosIntegrationCollections = {
  nonces: Collections.posNonces,
  rateBuckets: Collections.posRateBuckets,
  exchangeLog: Collections.posSyncLogs,
  outbox: Collections.webhookOutbox,
} as const satisfies IntegrationCollections;
