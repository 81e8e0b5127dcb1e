import type { DatabaseSpec } from '../shared/database-spec';

/**
 * The admin context's collections: what its queries (and the kit's staff check, which every
 * staff action of every function makes) need indexed. `_id` is always indexed.
 */
export const database: DatabaseSpec = {
  owner: 'admin',
  collections: [
    {
      name: 'staff',
      indexes: [
        // shared/repositories/staff-repository.ts: { openid, status: 'active' } then { openid }
        { name: 'openid_status', fields: { openid: 1, status: 1 } },
        // the last-admin guard: { role: 'admin', status: 'active' }
        { name: 'role_status', fields: { role: 1, status: 1 } },
        // the staff list of the admin pages: a store's staff, newest first
        { name: 'storeIds_createdAt', fields: { storeIds: 1, createdAt: -1 } },
        { name: 'createdAt', fields: { createdAt: -1 } },
      ],
    },
    {
      name: 'stores',
      indexes: [
        // a scanned store code resolves to one store
        { name: 'code', fields: { code: 1 }, unique: true },
        // the diner's store picker: open stores only
        { name: 'status', fields: { status: 1 } },
      ],
    },
    {
      name: 'staff_invitations',
      grows: true,
      indexes: [
        // the invitation list: newest first, for one store or all (admins)
        { name: 'createdAt', fields: { createdAt: -1 } },
        { name: 'storeIds_createdAt', fields: { storeIds: 1, createdAt: -1 } },
        { name: 'status_createdAt', fields: { status: 1, createdAt: -1 } },
      ],
    },
  ],
};
