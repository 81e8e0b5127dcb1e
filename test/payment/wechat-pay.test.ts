import { startPaymentHarness, type PaymentHarness } from './support';

/** cloudPay end to end: unifiedOrder → the diner pays in the simulator → callback → paid + points. */
describe('WeChat Pay through cloudPay and the local simulator', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function startWechatPayment(openid: string, totalFen: number) {
    const orderId = await h.order(openid, totalFen);
    const reply = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(reply.code).toBe(0);
    return { orderId, paymentId: reply.data.payment.paymentId as string, reply };
  }

  it('unifiedOrder returns wx.requestPayment parameters; paying settles the payment, the order and the points in one go', async () => {
    const openid = 'diner-flow';
    await h.member(openid, { totalEarned: 1200, points: 1200, levelCode: 'silver', levelName: '银卡会员' });
    const { orderId, paymentId, reply } = await startWechatPayment(openid, 10000);
    // silver = 95折: ¥100 → ¥95
    expect(reply.data.payment).toMatchObject({ amountFen: 10000, discountFen: 500, payableFen: 9500, status: 'pending', method: 'wechat' });
    expect(reply.data.wxPayment).toMatchObject({
      package: expect.stringMatching(/^prepay_id=wx/),
      signType: 'MD5',
      timeStamp: expect.any(String),
      nonceStr: expect.any(String),
      paySign: expect.any(String),
    });
    expect(h.simulator.get(paymentId)).toMatchObject({ totalFee: 9500, tradeState: 'NOTPAY', openid, functionName: 'payment' });

    // a double tap reuses the pending payment
    const again = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(again.data.payment.paymentId).toBe(paymentId);

    h.emulator.resetStats();
    const paid = await h.simulator.pay(paymentId);
    const roundTrips = h.dbRoundTrips();
    expect(paid.deliveries).toEqual([{ attempts: 1, ok: true, lastReply: { errcode: 0, errmsg: 'OK' } }]);
    // Printed for docs/payments.md; bounded so a regression shows.
    console.log(`DB round trips for one pay callback: ${roundTrips}`, h.emulator.stats());
    expect(roundTrips).toBeLessThanOrEqual(12);
    // plus one queryOrder: the notification is confirmed with WeChat before anything is written
    expect(h.emulator.stats()['wx.wxPayApi']).toBe(1);

    // a resent notification only reads the payment inside a transaction
    h.emulator.resetStats();
    await h.simulator.pay(paymentId);
    const duplicateRoundTrips = h.dbRoundTrips();
    console.log(`DB round trips for a duplicate pay callback: ${duplicateRoundTrips}`, h.emulator.stats());
    expect(duplicateRoundTrips).toBeLessThanOrEqual(3);
    expect(h.emulator.stats()['wx.wxPayApi']).toBe(1);

    const payment = await h.doc('payments', paymentId);
    expect(payment).toMatchObject({ status: 'paid', transactionId: paid.order.transactionId, pointsEarned: 95 });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId, paidFen: 9500, paymentMethod: 'wechat' });
    expect(await h.doc('members', openid)).toMatchObject({ points: 1295, totalEarned: 1295 });
    const events = await h.where('payment_events', { paymentId });
    expect(events.map((e) => e.type).sort()).toEqual(['created', 'pay_succeeded']);

    const view = await h.call({ action: 'getPayment', paymentId }, openid);
    expect(view.data.payment).toMatchObject({ status: 'paid', pointsEarned: 95 });
    // someone else cannot read it
    expect((await h.call({ action: 'getPayment', paymentId }, 'someone-else')).code).toBe(40441);
  });

  it('retries unifiedOrder on the same pending payment after WeChat failed', async () => {
    const openid = 'diner-retry';
    const orderId = await h.order(openid, 1500);
    h.simulator.failNext('unifiedOrder');
    const failed = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(failed).toMatchObject({ code: 50240, message: expect.stringContaining('系统超时'), data: null });
    const retried = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(retried).toMatchObject({ code: 0, data: { wxPayment: { package: expect.stringMatching(/^prepay_id=/) } } });
    expect(await h.where('payments', { orderId })).toHaveLength(1);
  });

  it('10 concurrent duplicate callbacks change the state once and credit points once', async () => {
    const openid = 'diner-dup';
    const { paymentId } = await startWechatPayment(openid, 3800);
    const paid = await h.simulator.pay(paymentId, { duplicates: 10 });
    expect(paid.deliveries).toHaveLength(10);
    expect(paid.deliveries.every((d) => d.ok)).toBe(true);
    expect(await h.where('payment_events', { paymentId, type: 'pay_succeeded' })).toHaveLength(1);
    expect(await h.where('member_points_logs', { openid })).toHaveLength(1);
    expect(await h.doc('members', openid)).toMatchObject({ points: 38 });
    // and a late resend after that changes nothing either
    await h.simulator.pay(paymentId);
    expect(await h.doc('members', openid)).toMatchObject({ points: 38 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', pointsEarned: 38 });
  });

  it('an amount mismatch flags the payment abnormal, credits nothing and still answers errcode 0', async () => {
    const openid = 'diner-mismatch';
    const { orderId, paymentId } = await startWechatPayment(openid, 5000);
    const paid = await h.simulator.pay(paymentId, { reportedFee: 1 });
    expect(paid.deliveries).toEqual([{ attempts: 1, ok: true, lastReply: { errcode: 0, errmsg: 'OK' } }]);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', abnormal: { reason: 'amount_mismatch', reportedFen: 1 } });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'pending' });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(0);
    expect(await h.where('payment_events', { paymentId, type: 'amount_mismatch' })).toHaveLength(1);
    // staff can filter for it
    const list = await h.call({ action: 'listPayments', abnormalOnly: true }, 'staff-admin-openid');
    expect(list.data.items.map((p: { paymentId: string }) => p.paymentId)).toContain(paymentId);
  });

  it('refunds partially then fully, reversing points in proportion, through the refund callback', async () => {
    const openid = 'diner-refund';
    const { orderId, paymentId } = await startWechatPayment(openid, 10000);
    await h.simulator.pay(paymentId);
    expect(await h.doc('members', openid)).toMatchObject({ points: 100 });

    // validation: bad amount → field path, nothing written
    const tooMuch = await h.refund({ paymentId, refundFen: 10001, reason: '测试超额' }, 'staff-admin-openid');
    expect(tooMuch).toMatchObject({ code: 40040, details: { field: 'refundFen', remainingFen: 10000 } });
    const clerk = await h.refund({ paymentId, refundFen: 100, reason: '店员无权' }, 'staff-clerk-openid');
    expect(clerk.code).toBe(40301);
    expect(await h.where('refunds', { paymentId })).toHaveLength(0);

    const partial = await h.refund({ paymentId, refundFen: 3000, reason: '少上一道菜' }, 'staff-admin-openid');
    expect(partial).toMatchObject({ code: 0, data: { refundFen: 3000, status: 'processing' } });
    await h.simulator.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'partially_refunded', refundedFen: 3000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 70 });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'partially_refunded', refundedFen: 3000 });

    const rest = await h.refund({ paymentId, reason: '顾客取消' }, 'staff-admin-openid');
    expect(rest).toMatchObject({ code: 0, data: { refundFen: 7000 } });
    await h.simulator.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 10000, refundCount: 2 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0, totalEarned: 0 });
    expect(h.simulator.get(paymentId)?.refunds.map((r) => r.refundFee)).toEqual([3000, 7000]);

    // a resent refund notification changes nothing
    const refunds = await h.where('refunds', { paymentId });
    expect(refunds.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const detail = await h.call({ action: 'getPaymentDetail', paymentId }, 'staff-admin-openid');
    expect(detail.data.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'pay_succeeded',
      'refund_requested',
      'refund_succeeded',
      'refund_requested',
      'refund_succeeded',
    ]);
    expect((await h.refund({ paymentId, refundFen: 1, reason: '再退' }, 'staff-admin-openid')).code).toBe(40941);
  });

  it('reconciliation settles a payment whose notification was lost and closes an expired one', async () => {
    const openid = 'diner-reconcile';
    const lost = await startWechatPayment(openid, 2000);
    const expired = await startWechatPayment('diner-reconcile-2', 2000);
    const fresh = await startWechatPayment('diner-reconcile-3', 2000);
    await h.simulator.pay(lost.paymentId, { notify: false });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await h.db
      .collection('payments')
      .doc(lost.paymentId)
      .update({ data: { createdAt: minutesAgo(6) } });
    await h.db
      .collection('payments')
      .doc(expired.paymentId)
      .update({ data: { createdAt: minutesAgo(31) } });

    const fired = await h.emulator.timers.fire('payment');
    expect(fired).toMatchObject({ ok: true });
    expect(await h.doc('payments', lost.paymentId)).toMatchObject({ status: 'paid', pointsEarned: 20 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 20 });
    expect(await h.doc('payments', expired.paymentId)).toMatchObject({ status: 'closed', closedReason: 'expired' });
    expect(h.simulator.get(expired.paymentId)?.tradeState).toBe('CLOSED');
    expect(await h.doc('payments', fresh.paymentId)).toMatchObject({ status: 'pending' });
    const events = await h.where('payment_events', { paymentId: lost.paymentId, type: 'pay_succeeded' });
    expect(events[0]).toMatchObject({ source: 'reconcile' });
  });

  it('reconciliation finishes a refund whose notification was lost', async () => {
    const openid = 'diner-refund-lost';
    const { paymentId } = await startWechatPayment(openid, 4000);
    await h.simulator.pay(paymentId);
    h.simulator.options.autoRefundNotify = false;
    try {
      const requested = await h.refund({ paymentId, reason: '顾客取消' }, 'staff-admin-openid');
      expect(requested.data.status).toBe('processing');
    } finally {
      h.simulator.options.autoRefundNotify = true;
    }
    const refundId = `R${paymentId.slice(1)}01`;
    // WeChat finished the refund, but its notification never arrived
    const order = h.simulator.get(paymentId)!;
    order.refunds[0].status = 'SUCCESS';
    order.refunds[0].notified = true;
    await h.db
      .collection('refunds')
      .doc(refundId)
      .update({ data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunding' });

    await h.emulator.timers.fire('payment');
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 4000 });
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'succeeded' });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0 });
  });
});
