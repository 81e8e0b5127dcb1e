import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  /** The first structured log line of the functions (the emulator's functions.log) matching `match`. */
  async function functionLogLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const lines = readFileSync(join(h.emulator.dataDir, 'functions.log'), 'utf8')
        .split('\n')
        .map((text) => text.replace(/^\[[\w-]+\] /, ''))
        .filter((text) => text.startsWith('{'))
        .map((text) => JSON.parse(text) as Record<string, unknown>);
      const found = lines.find(match);
      if (found || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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

  it("a refund re-sent by a retried request is not failed on WeChat's stale 'no such refund', so the money is paid out once", async () => {
    const openid = 'diner-refund-resend-race';
    const { orderId, paymentId } = await paidWechat(openid, 3000);
    const requestId = newRequestId();
    const refundId = `R${paymentId.slice(1)}01`;
    // the first send never reaches WeChat: the outcome is unknown, the refund stays processing
    const first = await withoutAutoRefundNotify(async () => {
      h.simulator.failNext('refund', 'SYSTEMERROR', '系统超时');
      return h.refund({ paymentId, refundFen: 1000, reason: '少上一道菜', requestId });
    });
    expect(first).toMatchObject({ code: 0, data: { refundId, status: 'processing' } });
    expect(h.simulator.get(paymentId)!.refunds).toHaveLength(0);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await h.db
      .collection('refunds')
      .doc(refundId)
      .update({ data: { createdAt: tenMinutesAgo, lastSentAt: tenMinutesAgo } });

    // The sweep asks WeChat, which has no such refund — but that answer reaches it only after the
    // staff member retried the same request and WeChat took the refund.
    const held = h.simulator.delayNext('queryRefund', 1500, { phase: 'after' });
    const sweep = h.emulator.timers.fire('payment');
    await held.reached;
    const retried = await withoutAutoRefundNotify(() => h.refund({ paymentId, refundFen: 1000, reason: '少上一道菜', requestId }));
    expect(retried).toMatchObject({ code: 0, data: { refundId, status: 'processing', replayed: true } });
    expect(h.simulator.get(paymentId)!.refunds.map((r) => r.outRefundNo)).toEqual([refundId]);
    expect(await sweep).toMatchObject({ ok: true });

    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'processing' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunding', refundingId: refundId });
    await h.simulator.completeRefund(refundId);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'partially_refunded', refundedFen: 1000, refundCount: 1 });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 1000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 20 });
  });

  it('reconciliation still fails a refund WeChat never received once it is long past its last send', async () => {
    const openid = 'diner-refund-never-sent';
    const { paymentId } = await paidWechat(openid, 2000);
    const refundId = `R${paymentId.slice(1)}01`;
    await withoutAutoRefundNotify(async () => {
      h.simulator.failNext('refund', 'SYSTEMERROR', '系统超时');
      return h.refund({ paymentId, reason: '顾客取消' });
    });
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await h.db
      .collection('refunds')
      .doc(refundId)
      .update({ data: { createdAt: tenMinutesAgo, lastSentAt: tenMinutesAgo } });
    await h.emulator.timers.fire('payment');
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'failed', failure: 'wechat_notexist' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', refundedFen: 0 });
  });

  it('WeChat paying out a refund recorded here as failed completes it (reopened, flagged): the same money cannot be refunded again', async () => {
    const openid = 'diner-refund-reopened';
    const { orderId, paymentId } = await paidWechat(openid, 4000);
    const refundId = `R${paymentId.slice(1)}01`;
    await withoutAutoRefundNotify(() => h.refund({ paymentId, refundFen: 1500, reason: '少上一道菜' }));
    // recorded as failed here (as reconciliation used to on a stale "no such refund") while WeChat has it
    await h.db
      .collection('refunds')
      .doc(refundId)
      .update({ data: { status: 'failed', failure: 'wechat_notexist', completedAt: new Date() } });
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { status: 'paid', refundingId: null } });
    await h.db
      .collection('orders')
      .doc(orderId)
      .update({ data: { refundStatus: null } });

    const [done] = await h.simulator.completeRefund(refundId);
    expect(done.delivery).toMatchObject({ ok: true, attempts: 1 });
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'succeeded', reopenedAt: expect.anything() });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'partially_refunded', refundedFen: 1500, refundingId: null });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 1500 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 25 });
    const [succeeded] = await h.where('payment_events', { paymentId, type: 'refund_succeeded' });
    expect(succeeded.details).toMatchObject({ refundId, reopened: true, failure: 'wechat_notexist' });
    // flagged for staff at error level, not dropped with an info line
    await expect(functionLogLine((line) => line.level === 'error' && line.refundId === refundId)).resolves.toMatchObject({
      msg: expect.stringContaining('recorded as failed succeeded at WeChat'),
    });
    // only the remainder can still be refunded
    expect(await h.refund({ paymentId, refundFen: 2501, reason: '再退' })).toMatchObject({ code: 40040, details: { remainingFen: 2500 } });
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
