import { Collections } from '../collections';
import type { DatabaseSpec, SecurityRule } from '../database-spec';

/**
 * Who may read `orders` straight from the mini-program (the live views' `watch()`; functions are
 * not bound by rules): the diner who placed the order or has a line on it (`table.diners`), staff holding a live grant for its store
 * (后厨看板, granted by ordering's `startLiveView` after the kit checked the staff member's
 * store), and diners holding a live grant for its table (granted when they open the table's
 * code). Grants expire (`now`), so a staff member removed from a store, or a diner who left the
 * table, stops reading within the grant's lifetime. Nobody writes from the client.
 *
 * The query must pin what the rule looks at (CloudBase checks the query against the rule):
 * `{ storeId }` (kitchen), `{ 'table.tableId' }` (the table's orders) or `{ openid: '{openid}' }`.
 */
const GRANT = "get('database.live_grants.' + auth.openid)";
export const ORDERS_READ_RULE: SecurityRule = {
  read: `doc.openid == auth.openid || auth.openid in doc.table.diners || ${GRANT}.stores[doc.storeId] > now || ${GRANT}.tables[doc.table.tableId] > now`,
  write: false,
};

export const database: DatabaseSpec = {
  owner: 'shared/orders',
  collections: [
    {
      name: Collections.orders,
      grows: true,
      rule: ORDERS_READ_RULE,
      indexes: [
        { name: 'openid_createdAt', fields: { openid: 1, createdAt: -1, _id: -1 } },
        // the kitchen board's live query: one store's active orders, oldest first
        { name: 'storeId_status_createdAt', fields: { storeId: 1, status: 1, createdAt: 1 } },
        // a table's active orders (the diner's status view)
        { name: 'tableId_status', fields: { 'table.tableId': 1, status: 1 } },
      ],
    },
  ],
};
