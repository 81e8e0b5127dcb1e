/**
 * Every collection the product uses. Creating them is a deploy step (CloudBase console or
 * `npm run emulator -- ...` locally); product code never creates collections on the fly.
 */
export const Collections = {
  staff: 'staff',
  stores: 'stores',
  tables: 'tables',
  devices: 'devices',
  products: 'products',
  menuItems: 'menu_items',
  orders: 'orders',
  orderCorrections: 'order_corrections',
  complaints: 'complaints',
  members: 'members',
  memberPointsLogs: 'member_points_logs',
  memberTicketLogs: 'member_ticket_logs',
  memberLevels: 'member_levels',
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
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];
export const ALL_COLLECTIONS: CollectionName[] = Object.values(Collections);

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
