import { Collections } from '../../cloudfunctions/shared/collections';
import { createCollections } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * Issue 12 item 11: every staff adjustment names the store it is made for (one of the operator's
 * stores), the audit entry carries it, and an admin sets per-operation and per-day limits per store.
 */
describe('staff adjustments per store, with limits', () => {
  let emulator: TestEmulator;
  const call = (data: Record<string, unknown>, openid?: string) => emulator.call<any>('member', data, openid);
  let keySeq = 0;
  const key = () => `store-adj-${String(++keySeq).padStart(4, '0')}`;
  const adjust = (openid: string, storeId: string, points: number, by = 'mgr-a') =>
    call({ action: 'adjustPoints', openid, storeId, points, reason: '门店补偿', idempotencyKey: key() }, by);
  const topUp = (openid: string, storeId: string, tickets: number, by = 'mgr-a') =>
    call({ action: 'topUpTickets', openid, storeId, tickets, reason: '门店赠送', idempotencyKey: key() }, by);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    emulator.db.insertRaw(Collections.staff, [
      { _id: 'st-admin', openid: 'admin', name: '管理员', role: 'admin', storeIds: [], status: 'active' },
      { _id: 'st-mgr-a', openid: 'mgr-a', name: 'A 店长', role: 'manager', storeIds: ['store-a'], status: 'active' },
    ]);
    const member = (id: string) => ({
      _id: id,
      openid: id,
      nickname: id,
      points: 1000,
      totalEarned: 1000,
      tickets: 0,
      levelCode: 'silver',
      levelName: '银卡会员',
    });
    emulator.db.insertRaw(Collections.members, [member('diner-1'), member('diner-2'), member('diner-3')]);
  });
  afterAll(() => emulator.stop());

  it('requires the store, and refuses a store the manager does not manage, writing nothing', async () => {
    expect(await call({ action: 'adjustPoints', openid: 'diner-1', points: 5, reason: '补偿', idempotencyKey: key() }, 'mgr-a')).toMatchObject({
      code: 40001,
      details: { field: 'storeId' },
    });
    expect(await adjust('diner-1', 'store-b', 5)).toMatchObject({ code: 40301, message: '无权操作该门店' });
    expect(await topUp('diner-1', 'store-b', 500)).toMatchObject({ code: 40301 });
    expect(emulator.db.readAll(Collections.memberPointsLogs)).toHaveLength(0);
    expect(emulator.db.readAll(Collections.auditLogs)).toHaveLength(0);
    // an admin may act for any store
    expect(await adjust('diner-1', 'store-b', 5, 'admin')).toMatchObject({ code: 0 });
  });

  it('records the store in the audit entry of every adjustment', async () => {
    expect((await adjust('diner-2', 'store-a', 7)).code).toBe(0);
    expect((await topUp('diner-2', 'store-a', 500)).code).toBe(0);
    const audits = emulator.db.readAll(Collections.auditLogs).filter((a) => a.targetId === 'diner-2');
    expect(audits.map((a) => [a.action, a.storeId, a.actorOpenid]).sort()).toEqual([
      ['member.adjustPoints', 'store-a', 'mgr-a'],
      ['member.topUpTickets', 'store-a', 'mgr-a'],
    ]);
  });

  it('limits are admin-only and per store', async () => {
    const limits = { storeId: 'store-a', pointsPerOperation: 100, pointsPerDay: 150, ticketsPerOperation: 5000, ticketsPerDay: 6000 };
    expect(await call({ action: 'setAdjustmentLimits', ...limits }, 'mgr-a')).toMatchObject({ code: 40301 });
    expect(await call({ action: 'getAdjustmentLimits', storeId: 'store-a' }, 'mgr-a')).toMatchObject({ code: 40301 });
    const set = await call({ action: 'setAdjustmentLimits', ...limits }, 'admin');
    expect(set).toMatchObject({ code: 0, data: { ...limits, usedToday: { points: 7, tickets: 500 }, day: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) } });
    expect(emulator.db.readAll(Collections.auditLogs).filter((a) => a.action === 'member.setAdjustmentLimits')).toEqual([
      expect.objectContaining({ storeId: 'store-a', actorOpenid: 'admin' }),
    ]);
    expect((await call({ action: 'getAdjustmentLimits', storeId: 'store-b' }, 'admin')).data).toMatchObject({ pointsPerOperation: null, pointsPerDay: null });
  });

  it('enforces the per-operation limit (absolute points) and the per-day limit', async () => {
    expect(await adjust('diner-3', 'store-a', -101)).toMatchObject({ code: 40361, details: { field: 'points', limit: 100 } });
    expect(await topUp('diner-3', 'store-a', 5001)).toMatchObject({ code: 40361, details: { field: 'tickets', limit: 5000 } });
    // 7 used today; 100 + 43 = 150 exactly
    expect((await adjust('diner-3', 'store-a', 100)).code).toBe(0);
    expect((await adjust('diner-3', 'store-a', -43)).code).toBe(0);
    expect(await adjust('diner-3', 'store-a', 1)).toMatchObject({ code: 40362, message: expect.stringContaining('今日已用 150'), details: { used: 150 } });
    // other stores are not limited by store-a's settings
    expect((await adjust('diner-3', 'store-b', 500, 'admin')).code).toBe(0);
    const profile = (await call({ action: 'getProfile' }, 'diner-3')).data;
    expect(profile.points).toBe(1000 + 100 - 43 + 500);
  });

  it('holds the day limit under concurrency', async () => {
    await call(
      { action: 'setAdjustmentLimits', storeId: 'store-c', pointsPerOperation: null, pointsPerDay: 50, ticketsPerOperation: null, ticketsPerDay: null },
      'admin',
    );
    const replies = await Promise.all(Array.from({ length: 8 }, () => adjust('diner-1', 'store-c', 10, 'admin')));
    const ok = replies.filter((r) => r.code === 0).length;
    // 5 fit; a racer that ran out of conflict retries is told to retry (40902), never let through
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(ok).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.code !== 0).every((r) => r.code === 40362 || r.code === 40902)).toBe(true);
    expect((await call({ action: 'getAdjustmentLimits', storeId: 'store-c' }, 'admin')).data.usedToday.points).toBe(ok * 10);
  });

  it('a replayed adjustment does not count twice', async () => {
    await call(
      { action: 'setAdjustmentLimits', storeId: 'store-d', pointsPerOperation: null, pointsPerDay: 10, ticketsPerOperation: null, ticketsPerDay: null },
      'admin',
    );
    const once = { action: 'adjustPoints', openid: 'diner-2', storeId: 'store-d', points: 10, reason: '补偿', idempotencyKey: 'replay-key-001' };
    expect((await call(once, 'admin')).data.replayed).toBe(false);
    expect((await call(once, 'admin')).data.replayed).toBe(true);
    expect((await call({ action: 'getAdjustmentLimits', storeId: 'store-d' }, 'admin')).data.usedToday.points).toBe(10);
  });
});
