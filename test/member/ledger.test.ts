import { Collections } from '../../cloudfunctions/shared/collections';
import { AppError } from '../../cloudfunctions/shared/kit/errors';
import {
  earnPointsInTransaction,
  reversePointsInTransaction,
  spendTicketsInTransaction,
  refundTicketsInTransaction,
} from '../../cloudfunctions/shared/members/ledger';
import type { MemberRecord, PointsLogRecord } from '../../cloudfunctions/shared/members/member-record';
import type { Database } from '../../cloudfunctions/shared/repositories/database-types';
import { createCollections } from '../../emulator/seed/seed';
import { connectSdk, startTestEmulator, type TestEmulator } from '../helpers/emulator';

/**
 * The shared ledger exactly as the payment function uses it: inside a transaction started by a
 * real wx-server-sdk client against the emulator.
 */
describe('shared member ledger (real SDK transactions on the emulator)', () => {
  let emulator: TestEmulator;
  let db: Database;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    db = connectSdk(emulator.url).database();
  });
  afterAll(() => emulator.stop());

  const member = async (openid: string): Promise<MemberRecord> => (await db.collection<MemberRecord>(Collections.members).doc(openid).get()).data;
  const pointsRows = async (openid: string) => (await db.collection<PointsLogRecord>(Collections.memberPointsLogs).where({ openid }).get()).data;
  const ticketRows = async (openid: string) => (await db.collection(Collections.memberTicketLogs).where({ openid }).get()).data;
  const earn = (openid: string, paymentId: string, paidFen: number) =>
    db.runTransaction(
      (tx) => earnPointsInTransaction(tx, { openid, sourceType: 'payment', sourceId: paymentId, paidFen, reason: `订单消费: ${paymentId}` }),
      10,
    );

  it('credits ¥1 = 1 point (floor) with a ledger row, creating the member on first earn', async () => {
    const result = await earn('earn-1', 'pay-a', 7699);
    expect(result).toEqual({ points: 76, balanceAfter: 76, alreadyCredited: false });
    expect(await member('earn-1')).toMatchObject({ openid: 'earn-1', points: 76, totalEarned: 76, levelCode: 'normal', levelName: '普通会员' });
    const rows = await pointsRows('earn-1');
    expect(rows).toEqual([
      expect.objectContaining({ _id: 'payment:pay-a', points: 76, balanceAfter: 76, sourceType: 'payment', sourceId: 'pay-a', reason: '订单消费: pay-a' }),
    ]);
  });

  it('credits a source once: a repeat returns the first result and writes nothing', async () => {
    await earn('earn-2', 'pay-b', 1000);
    const again = await earn('earn-2', 'pay-b', 1000);
    expect(again).toEqual({ points: 10, balanceAfter: 10, alreadyCredited: true });
    expect((await member('earn-2')).points).toBe(10);
    expect(await pointsRows('earn-2')).toHaveLength(1);
  });

  it('10 concurrent duplicate earns → exactly one credit', async () => {
    await earn('earn-3', 'pay-seed', 500); // member exists, so every racer updates the same document
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => earn('earn-3', 'pay-c', 12345)));
    const fulfilled = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof earn>>> => o.status === 'fulfilled').map((o) => o.value);
    expect(fulfilled.filter((r) => !r.alreadyCredited)).toHaveLength(1);
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    expect((await member('earn-3')).points).toBe(5 + 123);
    expect((await pointsRows('earn-3')).filter((r) => r.sourceId === 'pay-c')).toHaveLength(1);
  });

  it('upgrades automatically at the seed 003 thresholds and reports it once', async () => {
    expect((await earn('up-1', 'p1', 99_900)).upgradedTo).toBeUndefined(); // 999
    expect(await earn('up-1', 'p2', 100)).toMatchObject({ points: 1, balanceAfter: 1000, upgradedTo: 'silver' });
    expect((await member('up-1')).levelName).toBe('银卡会员');
    expect((await earn('up-1', 'p3', 400_000)).upgradedTo).toBe('gold'); // 5000
    expect((await earn('up-1', 'p4', 500_000)).upgradedTo).toBe('platinum'); // 10000
    expect((await earn('up-1', 'p5', 100)).upgradedTo).toBeUndefined();
    expect(await member('up-1')).toMatchObject({ levelCode: 'platinum', totalEarned: 10001 });
  });

  it('reverses points in proportion on partial refunds and exactly all on the rest, never more', async () => {
    await earn('rev-1', 'pay-r', 7699); // 76 points
    const reverse = (refundId: string, refundFen: number) =>
      db.runTransaction(
        (tx) =>
          reversePointsInTransaction(tx, {
            openid: 'rev-1',
            sourceType: 'refund',
            sourceId: refundId,
            earnedSourceId: 'pay-r',
            refundFen,
            paidFen: 7699,
            reason: '退款',
          }),
        10,
      );
    expect(await reverse('ref-1', 2500)).toEqual({ points: -24, balanceAfter: 52, alreadyReversed: false });
    expect(await reverse('ref-1', 2500)).toEqual({ points: -24, balanceAfter: 52, alreadyReversed: true });
    expect(await reverse('ref-2', 5199)).toEqual({ points: -52, balanceAfter: 0, alreadyReversed: false });
    // a bogus extra refund beyond the amount paid takes nothing more
    expect((await reverse('ref-3', 100)).points).toBe(0);
    expect(await member('rev-1')).toMatchObject({ points: 0, totalEarned: 0 });
    expect((await pointsRows('rev-1')).reduce((sum, r) => sum + r.points, 0)).toBe(0);
  });

  it('a full refund undoes the upgrade its payment caused', async () => {
    await earn('rev-2', 'big', 150_000); // 1500 → silver
    expect((await member('rev-2')).levelCode).toBe('silver');
    await db.runTransaction((tx) =>
      reversePointsInTransaction(tx, {
        openid: 'rev-2',
        sourceType: 'refund',
        sourceId: 'r-big',
        earnedSourceId: 'big',
        refundFen: 150_000,
        paidFen: 150_000,
        reason: '全额退款',
      }),
    );
    expect(await member('rev-2')).toMatchObject({ points: 0, totalEarned: 0, levelCode: 'normal' });
  });

  it('spends tickets at ¥X × 500 and refunds them idempotently', async () => {
    emulator.db.insertRaw(Collections.members, [
      { _id: 'tk-1', openid: 'tk-1', nickname: '', phone: null, points: 0, totalEarned: 0, tickets: 10_000, levelCode: 'normal', levelName: '普通会员' },
    ]);
    const spend = () =>
      db.runTransaction((tx) => spendTicketsInTransaction(tx, { openid: 'tk-1', sourceId: 'pay-t', amountFen: 1250, reason: '礼票支付' }), 10);
    expect(await spend()).toEqual({ tickets: 6250, balanceAfter: 3750, alreadySpent: false });
    expect(await spend()).toEqual({ tickets: 6250, balanceAfter: 3750, alreadySpent: true });
    const refund = () =>
      db.runTransaction((tx) => refundTicketsInTransaction(tx, { openid: 'tk-1', sourceId: 'ref-t', tickets: 6250, reason: '礼票退款' }), 10);
    expect(await refund()).toEqual({ balanceAfter: 10_000, alreadyRefunded: false });
    expect(await refund()).toEqual({ balanceAfter: 10_000, alreadyRefunded: true });
    expect((await member('tk-1')).tickets).toBe(10_000);
    expect(await ticketRows('tk-1')).toHaveLength(2);
  });

  it('refuses a ticket payment beyond the balance and writes nothing', async () => {
    emulator.db.insertRaw(Collections.members, [
      { _id: 'tk-2', openid: 'tk-2', nickname: '', phone: null, points: 0, totalEarned: 0, tickets: 100, levelCode: 'normal', levelName: '普通会员' },
    ]);
    const attempt = db.runTransaction((tx) => spendTicketsInTransaction(tx, { openid: 'tk-2', sourceId: 'pay-x', amountFen: 100, reason: '礼票支付' }));
    await expect(attempt).rejects.toMatchObject({ code: 40961 });
    await expect(
      db.runTransaction((tx) => spendTicketsInTransaction(tx, { openid: 'tk-2', sourceId: 'pay-x', amountFen: 100, reason: '' })),
    ).rejects.toBeInstanceOf(AppError);
    expect((await member('tk-2')).tickets).toBe(100);
    expect(await ticketRows('tk-2')).toHaveLength(0);
  });

  it('rolls back a ticket deduction when the rest of the transaction fails (seed 004 五.5.2)', async () => {
    emulator.db.insertRaw(Collections.members, [
      { _id: 'tk-3', openid: 'tk-3', nickname: '', phone: null, points: 0, totalEarned: 0, tickets: 5000, levelCode: 'normal', levelName: '普通会员' },
    ]);
    emulator.db.insertRaw(Collections.orders, [{ _id: 'order-tk-3', status: 'pending' }]);
    const failing = db.runTransaction(async (tx) => {
      const spent = await spendTicketsInTransaction(tx, { openid: 'tk-3', sourceId: 'pay-y', amountFen: 500, reason: '礼票支付' });
      expect(spent.balanceAfter).toBe(2500); // the deduction happened inside the transaction…
      await tx
        .collection(Collections.orders)
        .doc('order-tk-3')
        .update({ data: { status: 'paid' } });
      throw new Error('order update failed after the deduction'); // …then the order step fails
    });
    await expect(failing).rejects.toThrow('order update failed');
    expect((await member('tk-3')).tickets).toBe(5000);
    expect(await ticketRows('tk-3')).toHaveLength(0);
    expect((await db.collection(Collections.orders).doc('order-tk-3').get()).data.status).toBe('pending');
    // and the same payment can then go through
    expect(
      (await db.runTransaction((tx) => spendTicketsInTransaction(tx, { openid: 'tk-3', sourceId: 'pay-y', amountFen: 500, reason: '礼票支付' }))).balanceAfter,
    ).toBe(2500);
  });

  it('uses a stored programme (rates and levels) when there is one', async () => {
    emulator.db.insertRaw(Collections.memberLevels, [
      {
        _id: 'program',
        levels: [
          { code: 'base', name: '会员', minPoints: 0, discountPermille: 1000 },
          { code: 'vip', name: 'VIP', minPoints: 20, discountPermille: 880 },
        ],
        rules: { pointsPerYuan: 2, ticketsPerYuan: 500 },
      },
    ]);
    try {
      expect(await earn('prog-1', 'pp', 1050)).toMatchObject({ points: 21, upgradedTo: 'vip' });
    } finally {
      await db.collection(Collections.memberLevels).doc('program').remove();
    }
  });

  it('counts the round trips of an earn', async () => {
    await earn('rt-1', 'warm', 100);
    emulator.resetStats();
    await earn('rt-1', 'rt-pay', 1000);
    const stats = emulator.stats();
    const total = Object.values(stats).reduce((a, b) => a + b, 0);
    // start + 3 parallel gets (row, member, programme) + row set + member update + commit
    expect(total).toBe(7);
  });
});
