import type { DatabaseSpec } from '../shared/database-spec';

/**
 * The cabinet's collections and the indexes its queries need (each query is named beside its
 * index). Everything is server-only: the mini-program follows a session through `getSession`, not
 * a watch. Documents read or written by `_id` only need nothing more.
 */
export const database: DatabaseSpec = {
  owner: 'cabinet',
  collections: [
    {
      name: 'devices',
      indexes: [
        // listStoreDevices / pageDevices (storeId in …, ordered by _id); admin's getStore count
        { name: 'storeId_id', fields: { storeId: 1, _id: 1 } },
      ],
    },
    { name: 'cabinet_vendors', indexes: [{ name: 'apiKey', fields: { apiKey: 1 }, unique: true }] },
    {
      name: 'cabinet_sessions',
      grows: true,
      indexes: [
        // the timer: doors that did not open in time
        { name: 'state_openDeadline', fields: { state: 1, openDeadline: 1 } },
        // staff 订单 list: by store (and device / state / type), newest first
        { name: 'storeId_orderedAt', fields: { storeId: 1, orderedAt: -1, _id: -1 } },
        { name: 'deviceCode_orderedAt', fields: { deviceCode: 1, orderedAt: -1, _id: -1 } },
        { name: 'orderState_orderedAt', fields: { orderState: 1, orderedAt: -1 } },
        // getCabinetOrder
        { name: 'order_orderId', fields: { 'order.orderId': 1 } },
      ],
    },
    { name: 'cabinet_diners', indexes: [], grows: true },
    { name: 'cabinet_products', indexes: [{ name: 'storeId_sku', fields: { storeId: 1, sku: 1 } }] },
    { name: 'cabinet_alarms', grows: true, indexes: [{ name: 'deviceCode_occurredAt', fields: { deviceCode: 1, occurredAt: -1 } }] },
    {
      name: 'cabinet_tasks',
      grows: true,
      indexes: [
        { name: 'storeId_updatedAt', fields: { storeId: 1, updatedAt: -1 } },
        { name: 'status_updatedAt', fields: { status: 1, updatedAt: -1 } },
      ],
    },
    {
      name: 'cabinet_jobs',
      grows: true,
      indexes: [
        // deliverDue: pending and due, or delivering with an expired lease, oldest first
        { name: 'status_nextAttemptAt', fields: { status: 1, nextAttemptAt: 1 } },
        { name: 'status_leaseUntil', fields: { status: 1, leaseUntil: 1 } },
      ],
    },
    { name: 'cabinet_nonces', grows: true, indexes: [{ name: 'expiresAt', fields: { expiresAt: 1 } }] },
    { name: 'cabinet_rate_buckets', grows: true, indexes: [{ name: 'expiresAt', fields: { expiresAt: 1 } }] },
    { name: 'cabinet_exchange_logs', grows: true, indexes: [{ name: 'integrationId_createdAt', fields: { integrationId: 1, createdAt: -1 } }] },
  ],
};
