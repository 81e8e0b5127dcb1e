import type { DatabaseSpec } from '../shared/database-spec';

/** The member context's collections and the indexes its repositories' queries use. */
export const database: DatabaseSpec = {
  owner: 'member',
  collections: [
    {
      name: 'members',
      grows: true,
      indexes: [
        // phone-repository.ts: legacy plain phones, then the blind index of sealed ones
        { name: 'phone', fields: { phone: 1 } },
        { name: 'phoneIndex', fields: { phoneIndex: 1 } },
      ],
    },
    // ledger-query-repository.ts: { openid } by createdAt desc, _id desc
    { name: 'member_points_logs', grows: true, indexes: [{ name: 'openid_createdAt', fields: { openid: 1, createdAt: -1 } }] },
    { name: 'member_ticket_logs', grows: true, indexes: [{ name: 'openid_createdAt', fields: { openid: 1, createdAt: -1 } }] },
    { name: 'member_levels', indexes: [] },
    // read by _id only
    { name: 'member_phone_claims', grows: true, indexes: [] },
    { name: 'member_store_limits', indexes: [] },
    { name: 'member_store_daily_usage', grows: true, indexes: [] },
    // reward-repository.ts: { active: true } by pointsCost, _id
    { name: 'member_rewards', indexes: [{ name: 'active_pointsCost', fields: { active: 1, pointsCost: 1 } }] },
    {
      name: 'member_redemptions',
      grows: true,
      indexes: [
        { name: 'openid_createdAt', fields: { openid: 1, createdAt: -1 } },
        // verification looks a redemption up by its code
        { name: 'code', fields: { code: 1 } },
      ],
    },
  ],
};
