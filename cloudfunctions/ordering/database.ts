import { Collections } from '../shared/collections';
import { SERVER_ONLY, type DatabaseSpec, type SecurityRule } from '../shared/database-spec';

/**
 * The ordering context's collections. Live-view rules (docs/live-updates.md): a table's cart
 * lines are readable by diners holding a live grant for that table (written when they open the
 * table code; it expires), nobody else; the query must pin `tableId`. Everything else is
 * server-only: printer settings hold sealed Feie keys, print jobs hold ticket text.
 */
export const CART_LINES_READ_RULE: SecurityRule = {
  read: "get('database.live_grants.' + auth.openid).tables[doc.tableId] > now",
  write: false,
};

export const database: DatabaseSpec = {
  owner: 'ordering',
  collections: [
    {
      name: Collections.tableCartLines,
      rule: CART_LINES_READ_RULE,
      indexes: [{ name: 'tableId_round', fields: { tableId: 1, round: 1 } }],
    },
    // qr-core: tables (by store, ordered by name); cart lines are read by `_id` and { tableId, round }
    { name: Collections.tables, rule: SERVER_ONLY, indexes: [{ name: 'storeId_name', fields: { storeId: 1, name: 1 } }] },
    // `_id` = openid: `{ stores: { [storeId]: expiresAtMs }, tables: { [tableId]: expiresAtMs } }`; read by rules' get()
    { name: Collections.liveGrants, rule: SERVER_ONLY, indexes: [] },
    // `_id` = storeId: the store's printers (Feie user / UKEY sealed) and the category → station map
    { name: Collections.storePrinters, rule: SERVER_ONLY, indexes: [] },
    {
      name: Collections.printJobs,
      grows: true,
      rule: SERVER_ONLY,
      indexes: [
        // the outbox timer: due jobs oldest first (findDue), in-flight jobs whose lease ran out
        { name: 'status_nextAttemptAt', fields: { status: 1, nextAttemptAt: 1 } },
        { name: 'status_leaseUntil', fields: { status: 1, leaseUntil: 1 } },
        // staff: a store's failed jobs, newest first; an order's jobs (reprint)
        { name: 'storeId_status_updatedAt', fields: { storeId: 1, status: 1, updatedAt: -1 } },
        { name: 'orderId', fields: { orderId: 1 } },
      ],
    },
    { name: Collections.printLogs, grows: true, rule: SERVER_ONLY, indexes: [{ name: 'storeId_createdAt', fields: { storeId: 1, createdAt: -1 } }] },
  ],
};
