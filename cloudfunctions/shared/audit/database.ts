import type { DatabaseSpec } from '../database-spec';

/** The audit log (append-only); the admin audit viewer pages it newest first, all or per store. */
export const database: DatabaseSpec = {
  owner: 'shared/audit',
  collections: [
    {
      name: 'audit_logs',
      grows: true,
      indexes: [
        { name: 'at', fields: { at: -1 } },
        { name: 'storeId_at', fields: { storeId: 1, at: -1 } },
        { name: 'action_at', fields: { action: 1, at: -1 } },
      ],
    },
  ],
};
