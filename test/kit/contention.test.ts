import { ADMIN, CLERK, newRequestId, startPaymentHarness, type PaymentHarness } from '../payment/support';

/**
 * Money actions under contention (issue #12 item 4): 30 parallel copies of each, through the
 * bridge against the real emulator (4 instances per function, so transactions really collide).
 * A write-write conflict is retried with jittered backoff by `runInTransaction`; no caller sees
 * 50001, and the data is exactly what one-at-a-time calls would leave.
 */
const PARALLEL = 30;

describe('money actions under contention', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  }, 60_000);
  afterAll(() => h.stop());

  const member = (data: Record<string, unknown>, openid: string) => h.emulator.call<any>('member', data, openid);
  const codes = (replies: { code: number }[]) => replies.reduce<Record<number, number>>((m, r) => ({ ...m, [r.code]: (m[r.code] ?? 0) + 1 }), {});

  it.each(['cash', 'wechat'] as const)(
    `${PARALLEL} parallel identical payment.refund of a %s payment (same requestId): one refund, every reply its result`,
    async (method) => {
      const openid = `diner-contention-refund-${method}`;
      await h.member(openid);
      const orderId = await h.order(openid, 5600);
      const created = await h.call({ action: 'createPayment', orderId, method }, openid);
      const paymentId = created.data.payment.paymentId as string;
      if (method === 'cash') expect(await h.call({ action: 'confirmCash', paymentId }, CLERK)).toMatchObject({ code: 0 });
      else await h.simulator.pay(paymentId);
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid' });
      const requestId = newRequestId();

      const replies = await Promise.all(Array.from({ length: PARALLEL }, () => h.refund({ paymentId, reason: '顾客取消', requestId })));

      expect(codes(replies)).toEqual({ 0: PARALLEL });
      expect(new Set(replies.map((r) => r.data.refundId)).size).toBe(1);
      expect(replies.filter((r) => !r.data.replayed)).toHaveLength(1);
      expect(await h.where('refunds', { paymentId })).toHaveLength(1);
      expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.refund' })).toHaveLength(1);
      if (method === 'wechat') {
        await h.simulator.idle();
        expect(h.simulator.get(paymentId)!.refunds).toHaveLength(1);
      }
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 5600, refundCount: 1 });
    },
    60_000,
  );

  it(`${PARALLEL} parallel distinct member.redeemPoints on one member: all applied, balance exact`, async () => {
    const openid = 'diner-contention-redeem';
    await h.member(openid, { points: 1000, totalEarned: 1000 });

    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        member({ action: 'redeemPoints', points: 7, reason: '并发兑换', idempotencyKey: `contention-redeem-${i}` }, openid),
      ),
    );

    expect(codes(replies)).toEqual({ 0: PARALLEL });
    expect(new Set(replies.map((r) => r.data.balanceAfter)).size).toBe(PARALLEL); // each saw the one before it
    expect(await h.doc('members', openid)).toMatchObject({ points: 1000 - 7 * PARALLEL, totalEarned: 1000 });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(PARALLEL);
  }, 60_000);

  it(`${PARALLEL} parallel distinct staff topUpTickets and adjustPoints on one member: all applied and audited`, async () => {
    const openid = 'diner-contention-staff';
    await h.member(openid, { points: 100, totalEarned: 100, tickets: 0 });

    const replies = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        i % 2
          ? member(
              { action: 'topUpTickets', openid, storeId: 'store-contention', tickets: 500, reason: '并发充值', idempotencyKey: `contention-topup-${i}` },
              ADMIN,
            )
          : member(
              { action: 'adjustPoints', openid, storeId: 'store-contention', points: 3, reason: '并发调整', idempotencyKey: `contention-adjust-${i}` },
              ADMIN,
            ),
      ),
    );

    expect(codes(replies)).toEqual({ 0: PARALLEL });
    expect(await h.doc('members', openid)).toMatchObject({ points: 100 + 3 * (PARALLEL / 2), tickets: 500 * (PARALLEL / 2) });
    expect(await h.where('audit_logs', { targetId: openid })).toHaveLength(PARALLEL);
  }, 60_000);

  it(`${PARALLEL} parallel identical payWithTickets: paid once, tickets spent once`, async () => {
    const openid = 'diner-contention-tickets';
    await h.member(openid, { tickets: 100_000 });
    const orderId = await h.order(openid, 2000);
    const created = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    const paymentId = created.data.payment.paymentId as string;

    const replies = await Promise.all(Array.from({ length: PARALLEL }, () => h.call({ action: 'payWithTickets', paymentId }, openid)));

    expect(replies.filter((r) => r.code === 50001 || r.code === 40902)).toEqual([]);
    expect(replies.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 90_000 });
    expect(await h.where('member_ticket_logs', { openid })).toHaveLength(1);
  }, 60_000);
});
