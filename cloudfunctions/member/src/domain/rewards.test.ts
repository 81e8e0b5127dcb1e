import { canManageReward, CODE_ALPHABET, collectableAt, redemptionCodeFrom, toRedemptionView } from './rewards';

describe('reward catalogue rules', () => {
  it('makes 10-character codes from the unambiguous alphabet', () => {
    const code = redemptionCodeFrom(Uint8Array.from({ length: 10 }, (_, i) => i * 37));
    expect(code).toHaveLength(10);
    for (const c of code) expect(CODE_ALPHABET).toContain(c);
    expect(code).not.toMatch(/[01OIL]/);
  });

  it('lets managers manage only rewards limited to their stores', () => {
    const manager = { role: 'manager', storeIds: ['s1', 's2'] };
    expect(canManageReward(manager, ['s1'])).toBe(true);
    expect(canManageReward(manager, ['s1', 's3'])).toBe(false);
    expect(canManageReward(manager, [])).toBe(false); // platform-wide: admins only
    expect(canManageReward({ role: 'admin', storeIds: [] }, [])).toBe(true);
  });

  it('collects at any store when unrestricted, else only at its stores', () => {
    expect(collectableAt({ storeIds: [] }, 's9')).toBe(true);
    expect(collectableAt({ storeIds: ['s1'] }, 's1')).toBe(true);
    expect(collectableAt({ storeIds: ['s1'] }, 's2')).toBe(false);
  });

  it('shows times in Asia/Shanghai', () => {
    const view = toRedemptionView({
      _id: 'o:k',
      code: 'ABCDEFGHJK',
      openid: 'o',
      rewardId: 'r',
      rewardName: '拿铁',
      points: 100,
      storeIds: [],
      status: 'verified',
      balanceAfter: 0,
      createdAt: new Date('2026-01-08T04:00:00Z'),
      verifiedAt: new Date('2026-01-08T16:30:00Z'),
      verifiedBy: 'staff',
      verifiedStoreId: 's1',
    });
    expect(view).toMatchObject({ createdAtText: '2026-01-08 12:00', verifiedAtText: '2026-01-09 00:30', verifiedStoreId: 's1' });
    expect(view).not.toHaveProperty('openid');
  });
});
