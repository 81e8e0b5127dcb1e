import type { DatabaseSpec } from '../database-spec';

/** The order kernel's one collection; ordering lists a diner's orders newest first. */
export const database: DatabaseSpec = {
  owner: 'shared/orders',
  collections: [
    {
      name: 'orders',
      grows: true,
      indexes: [
        // order-repository.ts listOrdersOf: { openid } by createdAt desc, _id desc
        { name: 'openid_createdAt', fields: { openid: 1, createdAt: -1 } },
        // staff lists of a store's orders
        { name: 'storeId_createdAt', fields: { storeId: 1, createdAt: -1 } },
      ],
    },
  ],
};
