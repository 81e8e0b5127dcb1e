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
