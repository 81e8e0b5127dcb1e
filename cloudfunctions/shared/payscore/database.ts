import type { DatabaseSpec } from '../database-spec';

/**
 * The Pay Score kernel's collection. `payscore_permissions` is read and written by `_id` (the
 * openid) only, so it needs no index beyond `_id`; one document per diner who ever authorized.
 * The `payments` / `payment_events` documents the kernel writes are the payment context's and
 * declared there (its queries: payments by store/status/method, by orderId, reconcile scan).
 */
export const database: DatabaseSpec = {
  owner: 'shared/payscore',
  collections: [{ name: 'payscore_permissions', indexes: [], grows: true }],
};
