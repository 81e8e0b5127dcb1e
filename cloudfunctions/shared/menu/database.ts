import { Collections } from '../collections';
import { SERVER_ONLY, type DatabaseSpec } from '../database-spec';

/**
 * The menu kernel's collections (`menu_items` stays declared with its writer pos-interface until
 * its ownership moves here). The diner's menu is one read of `menu_snapshots/{storeId}`; staff
 * list dishes by store and category; the POS push queue is drained oldest first by status.
 */
export const database: DatabaseSpec = {
  owner: 'shared/menu',
  collections: [
    { name: Collections.menuCategories, rule: SERVER_ONLY, indexes: [{ name: 'storeId_displayOrder', fields: { storeId: 1, displayOrder: 1 } }] },
    { name: Collections.menuSnapshots, rule: SERVER_ONLY, indexes: [] },
    { name: Collections.posPushQueue, grows: true, rule: SERVER_ONLY, indexes: [{ name: 'status_createdAt', fields: { status: 1, createdAt: 1 } }] },
  ],
};
