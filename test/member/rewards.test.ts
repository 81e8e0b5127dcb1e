import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * Issue 12 item 17: points are redeemed against a catalogue (name, cost, stock); a redemption
 * issues a code that staff verify at a store, once, audited.
 */
describe('reward catalogue and redemptions', () => {
  let emulator: TestEmulator;
  const call = (data: Record<string, unknown>, openid?: string) => emulator.call<any>('member', data, openid);
  const member = (id: string, points: number) => ({
    _id: id,
    openid: id,
    nickname: id,
    points,
    totalEarned: points,
    tickets: 0,
    levelCode: 'normal',
    levelName: '普通会员',
  });
  const reward = (fields: Record<string, unknown>) => ({ name: '奖品', description: '', pointsCost: 10, stock: 5, active: true, storeIds: [], ...fields });

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.staff, [
      { _id: 'st-admin', openid: 'admin', name: '管理员', role: 'admin', storeIds: [], status: 'active' },
      { _id: 'st-mgr', openid: 'mgr', name: '店长', role: 'manager', storeIds: ['store-a'], status: 'active' },
      { _id: 'st-clerk-a', openid: 'clerk-a', name: 'A 店员', role: 'clerk', storeIds: ['store-a'], status: 'active' },
      { _id: 'st-clerk-b', openid: 'clerk-b', name: 'B 店员', role: 'clerk', storeIds: ['store-b'], status: 'active' },
    ]);
    emulator.db.insertRaw(Collections.members, [member('rich', 1000), member('poor', 5), member('racer', 1000)]);
  });
  afterAll(() => emulator.stop());

  let latte: string;
  let bag: string;

  it('admins and managers manage the catalogue; managers only for their own stores', async () => {
    const created = await call({ action: 'manageReward', ...reward({ name: '拿铁', pointsCost: 100, stock: 2 }) }, 'admin');
    expect(created).toMatchObject({ code: 0, data: { name: '拿铁', pointsCost: 100, stock: 2, active: true, storeIds: [] } });
    latte = created.data.rewardId;
    expect(await call({ action: 'manageReward', ...reward({ name: '全平台' }) }, 'mgr')).toMatchObject({ code: 40364 });
    expect(await call({ action: 'manageReward', ...reward({ name: '别店', storeIds: ['store-b'] }) }, 'mgr')).toMatchObject({ code: 40364 });
    const own = await call({ action: 'manageReward', ...reward({ name: '环保袋', pointsCost: 50, storeIds: ['store-a'] }) }, 'mgr');
    expect(own.code).toBe(0);
    bag = own.data.rewardId;
    expect(await call({ action: 'manageReward', rewardId: latte, ...reward({ name: '拿铁', storeIds: ['store-a'] }) }, 'mgr')).toMatchObject({ code: 40364 });
    expect(await call({ action: 'manageReward', ...reward({}) }, 'clerk-a')).toMatchObject({ code: 40301 });
    await call({ action: 'manageReward', ...reward({ name: '下架的', active: false }) }, 'admin');

    const listed = await call({ action: 'listRewards' }, 'rich');
    expect(listed.data.map((r: any) => [r.name, r.pointsCost])).toEqual([
      ['环保袋', 50],
      ['拿铁', 100],
    ]);
  });

  it('redeems: points, stock and code in one go; a retried key replays; the diner lists it', async () => {
    const first = await call({ action: 'redeemReward', rewardId: latte, idempotencyKey: 'rw-key-0001' }, 'rich');
    expect(first).toMatchObject({ code: 0, data: { balanceAfter: 900, replayed: false, redemption: { rewardName: '拿铁', points: 100, status: 'issued' } } });
    expect(first.data.redemption.code).toMatch(/^[A-Z2-9]{10}$/);
    const replay = await call({ action: 'redeemReward', rewardId: latte, idempotencyKey: 'rw-key-0001' }, 'rich');
    expect(replay.data).toMatchObject({ replayed: true, balanceAfter: 900, redemption: { code: first.data.redemption.code } });
    expect(await call({ action: 'redeemReward', rewardId: bag, idempotencyKey: 'rw-key-0001' }, 'rich')).toMatchObject({ code: 40962 });

    expect((await call({ action: 'getProfile' }, 'rich')).data).toMatchObject({ points: 900, totalEarned: 1000 });
    expect(emulator.db.readAll(Collections.memberRewards).find((r) => r._id === latte)?.stock).toBe(1);
    const ledger = await call({ action: 'listPointsLogs' }, 'rich');
    expect(ledger.data.items).toEqual([expect.objectContaining({ change: -100, reason: '兑换奖品：拿铁', sourceType: 'redeem' })]);
    const mine = await call({ action: 'listMyRedemptions' }, 'rich');
    expect(mine.data).toMatchObject({ total: 1, items: [{ code: first.data.redemption.code, status: 'issued', rewardName: '拿铁' }] });
    expect((await call({ action: 'listMyRedemptions' }, 'poor')).data.total).toBe(0);
  });

  it('refuses without enough points or stock, writing nothing', async () => {
    expect(await call({ action: 'redeemReward', rewardId: bag, idempotencyKey: 'rw-poor-0001' }, 'poor')).toMatchObject({ code: 40960 });
    expect(await call({ action: 'redeemReward', rewardId: 'rwd_missing', idempotencyKey: 'rw-poor-0002' }, 'poor')).toMatchObject({ code: 40461 });
    expect((await call({ action: 'listMyRedemptions' }, 'poor')).data.total).toBe(0);
    expect(emulator.db.readAll(Collections.memberRewards).find((r) => r._id === bag)?.stock).toBe(5);
  });

  it('never sells more than the stock under concurrency, and never charges for what it did not give', async () => {
    // latte has 1 left
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call({ action: 'redeemReward', rewardId: latte, idempotencyKey: `rw-race-000${i}` }, 'racer')),
    );
    const ok = replies.filter((r) => r.code === 0);
    expect(ok).toHaveLength(1);
    expect(replies.filter((r) => r.code !== 0).every((r) => r.code === 40965 || r.code === 40902)).toBe(true);
    expect(replies.filter((r) => r.code === 40965).every((r) => r.message === '「拿铁」已兑完')).toBe(true);
    expect(emulator.db.readAll(Collections.memberRewards).find((r) => r._id === latte)?.stock).toBe(0);
    expect((await call({ action: 'getProfile' }, 'racer')).data.points).toBe(900);
    expect((await call({ action: 'listMyRedemptions' }, 'racer')).data.total).toBe(1);
  });

  it('staff verify a code once, at a store where it can be collected, audited with the store', async () => {
    const bagCode = (await call({ action: 'redeemReward', rewardId: bag, idempotencyKey: 'rw-bag-0001' }, 'rich')).data.redemption.code;
    expect(await call({ action: 'verifyRedemption', code: bagCode, storeId: 'store-a' }, 'clerk-b')).toMatchObject({ code: 40301 });
    expect(await call({ action: 'verifyRedemption', code: bagCode, storeId: 'store-b' }, 'clerk-b')).toMatchObject({ code: 40363 });
    expect(await call({ action: 'verifyRedemption', code: bagCode, storeId: 'store-a' }, 'rich')).toMatchObject({ code: 40301 });
    expect(await call({ action: 'verifyRedemption', code: 'ZZZZZZZZZZ', storeId: 'store-a' }, 'clerk-a')).toMatchObject({ code: 40462 });
    expect(await call({ action: 'verifyRedemption', code: 'short', storeId: 'store-a' }, 'clerk-a')).toMatchObject({ code: 40001, details: { field: 'code' } });

    const verified = await call({ action: 'verifyRedemption', code: bagCode.toLowerCase(), storeId: 'store-a' }, 'clerk-a');
    expect(verified).toMatchObject({ code: 0, data: { code: bagCode, status: 'verified', verifiedStoreId: 'store-a', rewardName: '环保袋' } });
    expect(await call({ action: 'verifyRedemption', code: bagCode, storeId: 'store-a' }, 'clerk-a')).toMatchObject({
      code: 40967,
      details: { verifiedStoreId: 'store-a' },
    });
    const audits = emulator.db.readAll(Collections.auditLogs).filter((a) => a.action === 'member.verifyRedemption');
    expect(audits).toEqual([expect.objectContaining({ storeId: 'store-a', actorOpenid: 'clerk-a', details: expect.objectContaining({ code: bagCode }) })]);

    // a platform-wide reward can be collected at any store
    const latteCode = (await call({ action: 'listMyRedemptions' }, 'rich')).data.items.find((r: any) => r.rewardName === '拿铁').code;
    expect((await call({ action: 'verifyRedemption', code: latteCode, storeId: 'store-b' }, 'clerk-b')).code).toBe(0);
    const mine = (await call({ action: 'listMyRedemptions' }, 'rich')).data.items;
    expect(mine.every((r: any) => r.status === 'verified')).toBe(true);
  });
});
