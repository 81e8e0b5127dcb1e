import { startPaymentHarness, type PaymentHarness } from './support';

/**
 * A cloudPay notification is only a hint: anyone who can call the `payment` function can send an
 * event of the same shape. Only what WeChat itself answers (queryOrder / queryRefund) may settle
 * a payment or finish a refund.
 */
describe('cloudPay notifications are confirmed with WeChat before anything changes', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function pendingWechatPayment(openid: string, totalFen: number) {
    const orderId = await h.order(openid, totalFen);
    const reply = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(reply.code).toBe(0);
    return { orderId, paymentId: reply.data.payment.paymentId as string, payableFen: reply.data.payment.payableFen as number };
  }

  function forgedPay(outTradeNo: string, totalFee: number, transactionId = 'FORGED') {
    return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo, transactionId, totalFee, cashFee: totalFee, timeEnd: '20261122103000' };
  }

  async function unchanged(paymentId: string, orderId: string, openid: string) {
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
    expect((await h.doc('payments', paymentId))?.abnormal).toBeUndefined();
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'pending' });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(0);
    expect(await h.where('payment_events', { paymentId, type: 'pay_succeeded' })).toHaveLength(0);
  }

  it('a forged pay notification for a pending payment, sent by a diner through the function, changes nothing', async () => {
    const openid = 'diner-forger';
    const { orderId, paymentId, payableFen } = await pendingWechatPayment(openid, 3800);

    // the diner calls the payment function (wx.cloud.callFunction) with a notification-shaped event
    await h.call(forgedPay(paymentId, payableFen), openid);
    await unchanged(paymentId, orderId, openid);

    // the same event arriving the way cloudPay delivers it is no better: WeChat says NOTPAY
    expect(await h.notify(forgedPay(paymentId, payableFen))).toEqual({ errcode: 0, errmsg: 'OK' });
    await unchanged(paymentId, orderId, openid);

    // the real payment still settles afterwards
    const paid = await h.simulator.pay(paymentId);
    expect(paid.deliveries[0]).toMatchObject({ ok: true, attempts: 1 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', transactionId: paid.order.transactionId });
  });

  it('a notification with a wrong transactionId for a paid payment changes nothing (no abnormal flag)', async () => {
    const openid = 'diner-paid-forged';
    const { orderId, paymentId, payableFen } = await pendingWechatPayment(openid, 2000);
    const paid = await h.simulator.pay(paymentId);
    const before = await h.doc('payments', paymentId);
    expect(before).toMatchObject({ status: 'paid', pointsEarned: 20 });

    expect(await h.notify(forgedPay(paymentId, payableFen, '4200000000FORGED'))).toEqual({ errcode: 0, errmsg: 'OK' });
    await h.call(forgedPay(paymentId, payableFen, '4200000000FORGED2'), openid);

    const after = await h.doc('payments', paymentId);
    expect(after).toEqual(before);
    expect(after.abnormal).toBeUndefined();
    expect(after.transactionId).toBe(paid.order.transactionId);
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(1);
  });

  it('the amount that counts is what WeChat reports it charged, in the notification and in queryOrder alike', async () => {
    const openid = 'diner-charged';
    const { orderId, paymentId } = await pendingWechatPayment(openid, 5000);
    await h.simulator.pay(paymentId, { reportedFee: 4999 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', abnormal: { reason: 'amount_mismatch', reportedFen: 4999 } });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'pending' });
    // a notification claiming the right amount does not override WeChat's answer
    const trade = h.simulator.get(paymentId)!;
    await h.notify(forgedPay(paymentId, 5000, trade.transactionId));
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', abnormal: { reportedFen: 4999 } });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(0);
  });

  it('answers errcode -1 when WeChat cannot be asked, so the real notification is resent and then applied', async () => {
    const openid = 'diner-query-down';
    const { paymentId } = await pendingWechatPayment(openid, 1200);
    h.simulator.failNext('queryOrder', 'SYSTEMERROR', '系统超时');
    const paid = await h.simulator.pay(paymentId);
    expect(paid.deliveries).toEqual([{ attempts: 2, ok: true, lastReply: { errcode: 0, errmsg: 'OK' } }]);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', pointsEarned: 12 });
  });

  it('a forged refund notification changes nothing; the real one (confirmed by queryRefund) completes the refund', async () => {
    const openid = 'diner-refund-forged';
    const { orderId, paymentId, payableFen } = await pendingWechatPayment(openid, 4000);
    await h.simulator.pay(paymentId);
    h.simulator.options.autoRefundNotify = false;
    try {
      expect(await h.refund({ paymentId, reason: '顾客取消' })).toMatchObject({ code: 0, data: { status: 'processing' } });
    } finally {
      h.simulator.options.autoRefundNotify = true;
    }
    const refundId = `R${paymentId.slice(1)}01`;
    const forged = (refundStatus: string) => ({
      returnCode: 'SUCCESS',
      reqInfo: { outTradeNo: paymentId, outRefundNo: refundId, refundId: 'FORGED', totalFee: payableFen, refundFee: payableFen, refundStatus },
    });
    // WeChat is still processing it: neither a forged success nor a forged failure is believed
    expect(await h.notify(forged('SUCCESS'))).toEqual({ errcode: 0, errmsg: 'OK' });
    await h.call(forged('SUCCESS'), openid);
    await h.call(forged('CHANGE'), openid);
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'processing' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunding', refundedFen: 0 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 40 });
    expect(await h.doc('orders', orderId)).toMatchObject({ refundStatus: 'refunding' });

    const [done] = await h.simulator.completeRefund(refundId);
    expect(done.delivery).toMatchObject({ ok: true, attempts: 1 });
    expect(await h.doc('refunds', refundId)).toMatchObject({ status: 'succeeded', wxRefundId: h.simulator.get(paymentId)!.refunds[0].refundId });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'refunded', refundedFen: 4000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 0 });
  });
});
