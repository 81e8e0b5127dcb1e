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
        // one target's history (a member's adjustments, a payment's refunds)
        { name: 'targetId_at', fields: { targetId: 1, at: -1 } },
      ],
    },
  ],
};
