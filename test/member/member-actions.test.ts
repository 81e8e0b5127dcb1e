import { randomBytes } from 'node:crypto';
import { Collections } from '../../cloudfunctions/shared/collections';
import { earnPointsInTransaction } from '../../cloudfunctions/shared/members/ledger';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { createCollections } from '../../emulator/seed/seed';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

/** The member function's actions, called the way the mini-program calls them (bridge + OPENID). */
describe('member function actions', () => {
  let emulator: TestEmulator;
  let db: Database;
  const call = (data: Record<string, unknown>, openid?: string) => emulator.call<any>('member', data, openid);
  const earn = (openid: string, paymentId: string, paidFen: number) =>
    db.runTransaction(
      (tx) => earnPointsInTransaction(tx, { openid, sourceType: 'payment', sourceId: paymentId, paidFen, reason: `订单消费: ${paymentId}` }),
      10,
    );

  beforeAll(async () => {
    emulator = await startTestEmulator({ functionEnv: { SECRETS_MASTER_KEY: randomBytes(32).toString('base64'), SECRETS_MASTER_KEY_ID: 'test' } });
    createCollections(emulator.db);
    db = connectSdk(emulator.url).database();
    emulator.db.insertRaw(Collections.staff, [
      { _id: 'st-admin', openid: 'staff-admin', name: '管理员', role: 'admin', storeIds: [], status: 'active' },
      { _id: 'st-clerk', openid: 'staff-clerk', name: '店员', role: 'clerk', storeIds: ['s1'], status: 'active' },
      { _id: 'st-gone', openid: 'staff-gone', name: '离职', role: 'admin', storeIds: [], status: 'disabled' },
    ]);
    emulator.db.insertRaw(Collections.members, [
      {
        _id: 'm-phone',
        openid: 'm-phone',
        nickname: '小王',
        phone: '13912345678',
        points: 300,
        totalEarned: 1200,
        tickets: 800,
        levelCode: 'silver',
        levelName: '银卡会员',
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
  });
  afterAll(() => emulator.stop());

  describe('getProfile', () => {
    it('creates the profile on first call, once', async () => {
      const first = await call({ action: 'getProfile' }, 'new-diner');
      expect(first).toMatchObject({
        code: 0,
        data: {
          openid: 'new-diner',
          points: 0,
          tickets: 0,
          phone: null,
          level: { code: 'normal', name: '普通会员', discountRate: 1 },
          nextLevel: { code: 'silver', minPoints: 1000 },
          pointsToNext: 1000,
          progressPercent: 0,
        },
      });
      await Promise.all([call({ action: 'getProfile' }, 'new-diner'), call({ action: 'getProfile' }, 'new-diner')]);
      expect((await db.collection(Collections.members).where({ _id: 'new-diner', openid: 'new-diner' }).count()).total).toBe(1);
    });

    it('shows the owner their full phone, level progress and balances', async () => {
      const { data } = await call({ action: 'getProfile' }, 'm-phone');
      expect(data).toMatchObject({
        phone: '13912345678',
        points: 300,
        tickets: 800,
        totalEarned: 1200,
        level: { code: 'silver', discountRate: 0.95 },
        nextLevel: { code: 'gold' },
        pointsToNext: 3800,
        progressPercent: 5,
      });
    });

    it('needs a caller identity', async () => {
      expect(await call({ action: 'getProfile' })).toMatchObject({ code: 40101 });
    });

    it('feeds getSession the member summary', async () => {
      expect((await call({ action: 'getSession' }, 'm-phone')).data).toMatchObject({ role: 'diner', member: { levelName: '银卡会员', points: 300 } });
      expect((await call({ action: 'getSession' }, 'nobody-yet')).data.member).toBeNull();
    });
  });

  describe('bindPhone (cloud.openapi.phonenumber.getPhoneNumber through the emulator)', () => {
    it('binds the number WeChat returns; the owner sees it in full, staff masked', async () => {
      const bound = await call({ action: 'bindPhone', code: 'test-phone-13698765432' }, 'binder');
      expect(bound).toMatchObject({ code: 0, data: { openid: 'binder', phone: '13698765432' } });
      expect((await call({ action: 'getProfile' }, 'binder')).data.phone).toBe('13698765432');
      const seen = await call({ action: 'lookupMemberByPhone', phone: '13698765432' }, 'staff-clerk');
      expect(seen.data).toMatchObject({ openid: 'binder', phoneMasked: '136****5432' });
    });

    it('answers any other code with the simulator test number', async () => {
      expect((await call({ action: 'bindPhone', code: 'wx-code-abc' }, 'binder-2')).data.phone).toBe('13800138000');
    });

    it('maps a code WeChat refuses to a 400-class error and binds nothing', async () => {
      expect(await call({ action: 'bindPhone', code: 'invalid-code' }, 'binder-3')).toMatchObject({ code: 40064, details: { field: 'code' } });
      expect((await call({ action: 'getProfile' }, 'binder-3')).data.phone).toBeNull();
      expect(await call({ action: 'bindPhone', code: '' }, 'binder-3')).toMatchObject({ code: 40001, details: { field: 'code' } });
    });
  });

  describe('levels and discount quote', () => {
    it('lists the seed 003 levels', async () => {
      const { data } = await call({ action: 'listLevels' }, 'x');
      expect(data.map((l: any) => [l.name, l.minPoints, l.discountRate])).toEqual([
        ['普通会员', 0, 1],
        ['银卡会员', 1000, 0.95],
        ['金卡会员', 5000, 0.9],
        ['白金会员', 10000, 0.85],
      ]);
    });

    it('quotes the caller’s member price in fen', async () => {
      expect((await call({ action: 'quoteDiscount', amountFen: 10000 }, 'm-phone')).data).toMatchObject({
        original: 10000,
        discount: 500,
        final: 9500,
        rate: 0.95,
        level: { code: 'silver' },
      });
      expect((await call({ action: 'quoteDiscount', amountFen: 10000 }, 'stranger')).data).toMatchObject({ discount: 0, final: 10000, rate: 1 });
    });
  });

  describe('points ledger and redemption', () => {
    beforeAll(async () => {
      await earn('redeemer', 'order-1', 5000);
      await earn('redeemer', 'order-2', 7699);
      await earn('redeemer', 'order-3', 1000);
    });

    it('pages the ledger newest first, with Shanghai times', async () => {
      const first = await call({ action: 'listPointsLogs', page: 1, pageSize: 2 }, 'redeemer');
      expect(first.data).toMatchObject({ total: 3, page: 1, pageSize: 2, hasMore: true });
      expect(first.data.items.map((i: any) => i.change)).toEqual([10, 76]);
      expect(first.data.items[0]).toMatchObject({
        reason: '订单消费: order-3',
        balanceAfter: 136,
        createdAtText: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      });
      const second = await call({ action: 'listPointsLogs', page: 2, pageSize: 2 }, 'redeemer');
      expect(second.data).toMatchObject({ hasMore: false, items: [{ change: 50 }] });
      expect((await call({ action: 'listPointsLogs' }, 'someone-else')).data).toMatchObject({ total: 0, items: [] });
    });

    it('redeems, replays a retried key, and refuses overdraft without writing', async () => {
      const redeemed = await call({ action: 'redeemPoints', points: 100, reason: '兑换饮品', idempotencyKey: 'redeem-key-0001' }, 'redeemer');
      expect(redeemed).toMatchObject({ code: 0, data: { change: -100, balanceAfter: 36, replayed: false } });
      const replay = await call({ action: 'redeemPoints', points: 100, reason: '兑换饮品', idempotencyKey: 'redeem-key-0001' }, 'redeemer');
      expect(replay.data).toEqual({ change: -100, balanceAfter: 36, replayed: true });
      const reused = await call({ action: 'redeemPoints', points: 5, reason: '兑换饮品', idempotencyKey: 'redeem-key-0001' }, 'redeemer');
      expect(reused).toMatchObject({ code: 40962, details: { field: 'idempotencyKey' } });

      const overdraft = await call({ action: 'redeemPoints', points: 37, reason: '兑换', idempotencyKey: 'redeem-key-0002' }, 'redeemer');
      expect(overdraft).toMatchObject({ code: 40960, details: { field: 'points', balance: 36, requested: 37 } });
      const { data: profile } = await call({ action: 'getProfile' }, 'redeemer');
      expect(profile).toMatchObject({ points: 36, totalEarned: 136 }); // redemption never lowers the level basis
      expect((await call({ action: 'listPointsLogs' }, 'redeemer')).data.total).toBe(4);
    });

    it('lets concurrent redemptions never overdraw', async () => {
      await earn('racer', 'race-pay', 1000); // 10 points
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => call({ action: 'redeemPoints', points: 3, reason: '并发兑换', idempotencyKey: `race-key-000${i}` }, 'racer')),
      );
      const ok = replies.filter((r) => r.code === 0).length;
      expect(ok).toBeGreaterThanOrEqual(1);
      expect(ok).toBeLessThanOrEqual(3);
      const { data } = await call({ action: 'getProfile' }, 'racer');
      expect(data.points).toBe(10 - ok * 3);
      expect(data.points).toBeGreaterThanOrEqual(0);
    });
  });

  describe('validation', () => {
    it.each([
      [{ action: 'redeemPoints', points: 0, reason: '兑换', idempotencyKey: 'key-12345' }, 'points'],
      [{ action: 'redeemPoints', points: 1.5, reason: '兑换', idempotencyKey: 'key-12345' }, 'points'],
      [{ action: 'redeemPoints', points: 1, reason: '  ', idempotencyKey: 'key-12345' }, 'reason'],
      [{ action: 'redeemPoints', points: 1, reason: '兑换', idempotencyKey: 'bad key!' }, 'idempotencyKey'],
      [{ action: 'listPointsLogs', page: 0 }, 'page'],
      [{ action: 'listPointsLogs', pageSize: 101 }, 'pageSize'],
      [{ action: 'quoteDiscount', amountFen: 12.5 }, 'amountFen'],
      [{ action: 'getProfile', extra: 1 }, '(root)'],
    ])('%j → 40001 at %s', async (data, field) => {
      const reply = await call(data, 'validator');
      expect(reply).toMatchObject({ code: 40001, details: { field } });
    });

    it('writes nothing on invalid input', async () => {
      await call({ action: 'redeemPoints', points: -5, reason: '兑换', idempotencyKey: 'neg-key-001' }, 'm-phone');
      expect((await db.collection(Collections.memberPointsLogs).where({ openid: 'm-phone' }).count()).total).toBe(0);
    });
  });

  describe('staff actions', () => {
    it('refuses diners, disabled staff and clerks where managers are needed', async () => {
      expect(await call({ action: 'lookupMemberByPhone', phone: '13912345678' }, 'm-phone')).toMatchObject({ code: 40301 });
      expect(await call({ action: 'lookupMemberByPhone', phone: '13912345678' }, 'staff-gone')).toMatchObject({ code: 40301 });
      expect(
        await call({ action: 'adjustPoints', openid: 'm-phone', storeId: 's1', points: 5, reason: '补偿', idempotencyKey: 'adj-clerk-01' }, 'staff-clerk'),
      ).toMatchObject({ code: 40301 });
      expect(
        await call({ action: 'topUpTickets', openid: 'm-phone', storeId: 's1', tickets: 5, reason: '充值', idempotencyKey: 'top-diner-01' }, 'm-phone'),
      ).toMatchObject({
        code: 40301,
      });
      expect((await call({ action: 'getProfile' }, 'm-phone')).data).toMatchObject({ points: 300, tickets: 800 });
    });

    it('looks a member up by phone with the phone masked', async () => {
      const reply = await call({ action: 'lookupMemberByPhone', phone: '13912345678' }, 'staff-clerk');
      expect(reply.data).toEqual({
        openid: 'm-phone',
        nickname: '小王',
        phoneMasked: '139****5678',
        levelName: '银卡会员',
        points: 300,
        totalEarned: 1200,
        tickets: 800,
      });
      expect(JSON.stringify(reply)).not.toContain('13912345678');
      expect(await call({ action: 'lookupMemberByPhone', phone: '13800000000' }, 'staff-clerk')).toMatchObject({ code: 40460 });
      expect(await call({ action: 'lookupMemberByPhone', phone: '12345' }, 'staff-clerk')).toMatchObject({ code: 40001, details: { field: 'phone' } });
    });

    it('adjusts points with a reason, audited, idempotently, without overdraft', async () => {
      const plus = await call(
        { action: 'adjustPoints', openid: 'm-phone', storeId: 's1', points: 50, reason: '服务补偿', idempotencyKey: 'adj-key-0001' },
        'staff-admin',
      );
      expect(plus.data).toEqual({ change: 50, balanceAfter: 350, replayed: false });
      expect(
        (
          await call(
            { action: 'adjustPoints', openid: 'm-phone', storeId: 's1', points: 50, reason: '服务补偿', idempotencyKey: 'adj-key-0001' },
            'staff-admin',
          )
        ).data.replayed,
      ).toBe(true);
      const minus = await call(
        { action: 'adjustPoints', openid: 'm-phone', storeId: 's1', points: -400, reason: '误加扣回', idempotencyKey: 'adj-key-0002' },
        'staff-admin',
      );
      expect(minus).toMatchObject({ code: 40960 });
      expect(
        await call({ action: 'adjustPoints', openid: 'ghost', storeId: 's1', points: 5, reason: '补偿', idempotencyKey: 'adj-key-0003' }, 'staff-admin'),
      ).toMatchObject({
        code: 40460,
      });
      expect(
        await call({ action: 'adjustPoints', openid: 'm-phone', storeId: 's1', points: 0, reason: '补偿', idempotencyKey: 'adj-key-0004' }, 'staff-admin'),
      ).toMatchObject({ code: 40001, details: { field: 'points' } });

      const audits = (await db.collection(Collections.auditLogs).where({ targetId: 'm-phone', action: 'member.adjustPoints' }).get()).data;
      expect(audits).toEqual([
        expect.objectContaining({
          actorOpenid: 'staff-admin',
          actorName: '管理员',
          details: expect.objectContaining({ points: 50, reason: '服务补偿', balanceAfter: 350 }),
        }),
      ]);
      const { data: profile } = await call({ action: 'getProfile' }, 'm-phone');
      expect(profile).toMatchObject({ points: 350, totalEarned: 1200 });
    });

    it('tops up tickets, audited, visible in the ticket ledger', async () => {
      const reply = await call(
        { action: 'topUpTickets', openid: 'm-phone', storeId: 's1', tickets: 2500, reason: '活动赠送', idempotencyKey: 'top-key-0001' },
        'staff-admin',
      );
      expect(reply.data).toEqual({ change: 2500, balanceAfter: 3300, replayed: false });
      expect(
        (
          await call(
            { action: 'topUpTickets', openid: 'm-phone', storeId: 's1', tickets: 2500, reason: '活动赠送', idempotencyKey: 'top-key-0001' },
            'staff-admin',
          )
        ).data,
      ).toMatchObject({ balanceAfter: 3300, replayed: true });
      expect((await db.collection(Collections.auditLogs).where({ targetId: 'm-phone', action: 'member.topUpTickets' }).count()).total).toBe(1);
      const ledger = await call({ action: 'listTicketLogs' }, 'm-phone');
      expect(ledger.data).toMatchObject({ total: 1, items: [{ change: 2500, balanceAfter: 3300, reason: '活动赠送', sourceType: 'topup' }] });
    });

    it('refuses staff adjusting their own member account, writing nothing', async () => {
      // the admin is a diner too
      await call({ action: 'getProfile' }, 'staff-admin');
      const points = await call(
        { action: 'adjustPoints', openid: 'staff-admin', storeId: 's1', points: 500, reason: '自己加分', idempotencyKey: 'self-adj-0001' },
        'staff-admin',
      );
      expect(points).toMatchObject({ code: 40360, message: expect.stringContaining('不能为自己调整积分'), details: { field: 'openid' } });
      const tickets = await call(
        { action: 'topUpTickets', openid: 'staff-admin', storeId: 's1', tickets: 9999, reason: '自己充值', idempotencyKey: 'self-top-0001' },
        'staff-admin',
      );
      expect(tickets).toMatchObject({ code: 40360, message: expect.stringContaining('不能为自己充值礼票') });
      expect((await call({ action: 'getProfile' }, 'staff-admin')).data).toMatchObject({ points: 0, tickets: 0 });
      expect((await db.collection(Collections.auditLogs).where({ targetId: 'staff-admin' }).count()).total).toBe(0);
    });
  });
});
