import { ADMIN, CLERK, newRequestId, startPaymentHarness, type PaymentHarness } from './support';

/**
 * Refunds must happen once per staff intent: a WeChat refund whose outcome is unknown stays open
 * under the SAME out_refund_no (settled by queryRefund), and a repeated staff request — same
 * requestId — returns the first result instead of refunding again.
 */
describe('refund retries and idempotency', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function paidWechat(openid: string, totalFen: number) {
    const orderId = await h.order(openid, totalFen);
    const created = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    await h.simulator.pay(paymentId);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid' });
    return { orderId, paymentId };
  }

  async function withoutAutoRefundNotify<T>(run: () => Promise<T>): Promise<T> {
    h.simulator.options.autoRefundNotify = false;
    try {
      return await run();
    } finally {
      h.simulator.options.autoRefundNotify = true;
    }
  }

  it('a refund WeChat accepted but whose reply was lost stays processing; the retried request reuses its out_refund_no', async () => {
    const openid = 'diner-refund-timeout';
    const { orderId, paymentId } = await paidWechat(openid, 6000);
    const requestId = newRequestId();
    const refundId = `R${paymentId.slice(1)}01`;

    const first = await withoutAutoRefundNotify(async () => {
      // WeChat takes the refund, then the reply is lost on the way back (timeout / 5xx)
      h.simulator.failNext('refund', 'SYSTEMERROR', '系统超时', { dropReply: true });
      return h.refund({ paymentId, refundFen: 2500, reason: '少上一道菜', requestId });
    });
    expect(first).toMatchObject({ code: 0, data: { refundId, refundFen: 2500, status: 'processing' } });
    expect(h.simulator.get(paymentId)!.refunds.map((r) => r.outRefundNo)).toEqual([refundId]);
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'processing', requestId });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunding', refundingId: refundId });

    // the staff member retries the same request: same refund, same out_refund_no, nothing new
    const retried = await withoutAutoRefundNotify(() => h.refund({ paymentId, refundFen: 2500, reason: '少上一道菜', requestId }));
    expect(retried).toMatchObject({ code: 0, data: { refundId, status: 'processing', replayed: true } });
    expect(h.simulator.get(paymentId)!.refunds).toHaveLength(1);
    expect(await h.where('refunds', { paymentId })).toHaveLength(1);

    // WeChat finishes it: refunded once, points reversed once
    await h.simulator.completeRefund(refundId);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'partially_refunded', refundedFen: 2500, refundCount: 1 });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 2500 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 35 });
  });

  it('an outcome-unknown refund with no retry is settled by reconciliation (queryRefund)', async () => {
    const openid = 'diner-refund-systemerror';
    const { paymentId } = await paidWechat(openid, 3000);
    const refundId = `R${paymentId.slice(1)}01`;
    const reply = await withoutAutoRefundNotify(async () => {
      // SYSTEMERROR after WeChat applied it: WeChat's rule is to retry with the same out_refund_no
      h.simulator.failNext('refund', 'SYSTEMERROR', '系统超时', { afterApplying: true });
      return h.refund({ paymentId, reason: '顾客取消' });
    });
    expect(reply).toMatchObject({ code: 0, data: { refundId, status: 'processing' } });
    const simRefund = h.simulator.get(paymentId)!.refunds[0];
    simRefund.status = 'SUCCESS';
    simRefund.notified = true; // its notification is lost too
    await h.db
      .collection('refunds')
      .doc(refundId)
      .update({ data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    await h.emulator.timers.fire('payment');
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'succeeded' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 3000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0 });
  });

  it('only a definite rejection fails the refund; a new request then gets a new out_refund_no', async () => {
    const openid = 'diner-refund-rejected';
    const { paymentId } = await paidWechat(openid, 2000);
    h.simulator.failNext('refund', 'NOTENOUGH', '基本账户余额不足，请充值后重新发起');
    const rejected = await h.refund({ paymentId, reason: '顾客取消' });
    expect(rejected).toMatchObject({ code: 50242, message: expect.stringContaining('余额不足') });
    expect(await h.doc('refunds', `R${paymentId.slice(1)}01`)).toMatchObject({ status: 'failed', failure: expect.stringContaining('NOTENOUGH') });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', refundedFen: 0 });

    const again = await h.refund({ paymentId, reason: '顾客取消' });
    expect(again).toMatchObject({ code: 0, data: { refundId: `R${paymentId.slice(1)}02`, status: 'processing' } });
    await h.simulator.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 2000 });
  });

  it('a repeated gift-ticket refund request returns the first result and writes nothing', async () => {
    const openid = 'diner-ticket-refund';
    await h.member(openid, { tickets: 20000 });
    const orderId = await h.order(openid, 2000);
    const created = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    expect(await h.call({ action: 'payWithTickets', paymentId }, openid)).toMatchObject({ code: 0, data: { ticketsSpent: 10000 } });
    const requestId = newRequestId();

    const first = await h.refund({ paymentId, refundFen: 1000, reason: '部分退款', requestId });
    expect(first).toMatchObject({ code: 0, data: { status: 'succeeded', ticketsReturned: 5000, paymentStatus: 'partially_refunded' } });
    const counts = async () => ({
      refunds: (await h.where('refunds', { paymentId })).length,
      ticketRows: (await h.where('member_ticket_logs', { openid })).length,
      audits: (await h.where('audit_logs', { targetId: paymentId, action: 'payment.refund' })).length,
      events: (await h.where('payment_events', { paymentId })).length,
      member: await h.doc('members', openid),
      payment: await h.doc('payments', paymentId),
    });
    const before = await counts();

    // the network dropped the answer; the page sends the same request again — twice, at once
    const repeats = await Promise.all([
      h.refund({ paymentId, refundFen: 1000, reason: '部分退款', requestId }),
      h.refund({ paymentId, refundFen: 1000, reason: '部分退款', requestId }),
    ]);
    for (const repeat of repeats) {
      expect(repeat).toMatchObject({ code: 0, data: { ...first.data, replayed: true } });
    }
    expect(await counts()).toEqual(before);
    expect(before.member).toMatchObject({ tickets: 15000 });

    // the same key for a different amount is refused
    expect(await h.refund({ paymentId, refundFen: 500, reason: '部分退款', requestId })).toMatchObject({ code: 40944, details: { field: 'requestId' } });
    // a new intent (new key) refunds the rest; the first request still answers what it did then
    expect(await h.refund({ paymentId, reason: '余下全退' })).toMatchObject({ code: 0, data: { refundFen: 1000, paymentStatus: 'refunded' } });
    expect(await h.refund({ paymentId, refundFen: 1000, reason: '部分退款', requestId })).toMatchObject({ code: 0, data: { ...first.data, replayed: true } });
    // and the key is required
    expect(await h.call({ action: 'refund', paymentId, reason: '没有请求号' }, ADMIN)).toMatchObject({ code: 40001, details: { field: 'requestId' } });
  });

  it('concurrent identical cash refund requests refund once', async () => {
    const openid = 'diner-cash-refund';
    const orderId = await h.order(openid, 5600);
    const created = await h.call({ action: 'createPayment', orderId, method: 'cash' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    await h.call({ action: 'confirmCash', paymentId }, CLERK);
    const requestId = newRequestId();
    const replies = await Promise.all(Array.from({ length: 4 }, () => h.refund({ paymentId, reason: '顾客取消', requestId })));
    expect(replies.every((r) => r.code === 0 && r.data.status === 'succeeded' && r.data.refundFen === 5600)).toBe(true);
    expect(replies.filter((r) => !r.data.replayed)).toHaveLength(1);
    expect(await h.where('refunds', { paymentId })).toHaveLength(1);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 5600, refundCount: 1 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0 });
  });
});
