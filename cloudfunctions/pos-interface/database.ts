import type { DatabaseSpec } from '../shared/database-spec';

/**
 * pos-interface's collections, including those of the shared integration plumbing it binds
 * (PosIntegrationCollections: nonces, rate buckets, exchange log, outbox).
 */
export const database: DatabaseSpec = {
  owner: 'pos-interface',
  collections: [
    {
      name: 'pos_integrations',
      indexes: [
        // the signed guard finds the integration by its API key
        { name: 'apiKey', fields: { apiKey: 1 }, unique: true },
        // listIntegrations: by store / vendor / status, newest first
        { name: 'createdAt', fields: { createdAt: -1 } },
        { name: 'storeId_createdAt', fields: { storeId: 1, createdAt: -1 } },
        { name: 'vendor_createdAt', fields: { vendor: 1, createdAt: -1 } },
        { name: 'status_createdAt', fields: { status: 1, createdAt: -1 } },
      ],
    },
    {
      name: 'pos_orders',
      grows: true,
      // the pending-carbon job: { carbonStatus: 'pending', carbonNextCheckAt <= now } oldest first
      indexes: [{ name: 'carbonStatus_carbonNextCheckAt', fields: { carbonStatus: 1, carbonNextCheckAt: 1 } }],
    },
    // expired-row sweeps: { expiresAt < now }
    { name: 'pos_nonces', grows: true, indexes: [{ name: 'expiresAt', fields: { expiresAt: 1 } }] },
    { name: 'pos_tokens', grows: true, indexes: [{ name: 'expiresAt', fields: { expiresAt: 1 } }] },
    { name: 'pos_rate_buckets', grows: true, indexes: [{ name: 'expiresAt', fields: { expiresAt: 1 } }] },
    {
      name: 'pos_sync_logs',
      grows: true,
      indexes: [
        // listSyncLogs / the health counts: filters by integration, store, direction, kind, status, time
        { name: 'createdAt', fields: { createdAt: -1 } },
        { name: 'integrationId_createdAt', fields: { integrationId: 1, createdAt: -1 } },
        { name: 'storeId_createdAt', fields: { storeId: 1, createdAt: -1 } },
        { name: 'direction_createdAt', fields: { direction: 1, createdAt: -1 } },
        { name: 'kind_createdAt', fields: { kind: 1, createdAt: -1 } },
        { name: 'status_createdAt', fields: { status: 1, createdAt: -1 } },
      ],
    },
    {
      name: 'webhook_outbox',
      grows: true,
      indexes: [
        // findDueOutboxRecords: { status: 'pending', nextAttemptAt <= now } or { status: 'delivering', leaseUntil <= now }
        { name: 'status_nextAttemptAt', fields: { status: 1, nextAttemptAt: 1 } },
        { name: 'status_leaseUntil', fields: { status: 1, leaseUntil: 1 } },
        // listOutboxRecords: newest first by status / integration / store / event
        { name: 'updatedAt', fields: { updatedAt: -1 } },
        { name: 'integrationId_updatedAt', fields: { integrationId: 1, updatedAt: -1 } },
        { name: 'storeId_updatedAt', fields: { storeId: 1, updatedAt: -1 } },
        { name: 'event_updatedAt', fields: { event: 1, updatedAt: -1 } },
      ],
    },
    {
      name: 'menu_pushes',
      grows: true,
      indexes: [
        { name: 'integrationId_startedAt', fields: { integrationId: 1, startedAt: -1 } },
        // abandoned pushes: { status: 'running', startedAt < cutoff }
        { name: 'status_startedAt', fields: { status: 1, startedAt: 1 } },
      ],
    },
    {
      name: 'menu_items',
      grows: true,
      // a store's menu (readStoreMenu: { storeId, _id > after, updatedAt > since }), and the active items to retire
      indexes: [{ name: 'storeId_status', fields: { storeId: 1, status: 1 } }],
    },
  ],
};
