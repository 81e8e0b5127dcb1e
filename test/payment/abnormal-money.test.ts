import { ADMIN, CLERK, newRequestId, startPaymentHarness, type PaymentHarness } from './support';

/**
 * Money WeChat collected that could not be booked — for a payment already closed, or of an amount
 * that did not match — is recorded (payment + event) and given back by staff with refundAbnormal:
 * audited, idempotent per requestId, through the same WeChat refund machinery and limits.
 */
describe('abnormal money', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function wechatPayment(openid: string, totalFen: number) {
    const orderId = await h.order(openid, totalFen);
    const created = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(created.code).toBe(0);
    return { orderId, paymentId: created.data.payment.paymentId as string };
  }

  /** WeChat takes the money after the payment was closed here (a race, or WeChat closing late). */
  async function paidWhileClosed(openid: string, totalFen: number) {
    const { orderId, paymentId } = await wechatPayment(openid, totalFen);
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { status: 'closed', closedReason: 'expired' } });
    const paid = await h.simulator.pay(paymentId);
    expect(paid.deliveries[0]).toMatchObject({ ok: true });
    return { orderId, paymentId, transactionId: paid.order.transactionId! };
  }

  it('money for a closed payment gets an event row and is given back once by a manager/admin, audited', async () => {
    const openid = 'diner-paid-while-closed';
    const { orderId, paymentId, transactionId } = await paidWhileClosed(openid, 3000);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', abnormal: { reason: 'paid_while_closed', reportedFen: 3000, transactionId } });
    const [recorded] = await h.where('payment_events', { paymentId, type: 'abnormal_payment' });
    expect(recorded).toMatchObject({
      from: 'closed',
      to: 'closed',
      source: 'wxpay_notify',
      details: { reason: 'paid_while_closed', reportedFen: 3000, transactionId },
    });
    // WeChat resending the notification records nothing new
    await h.simulator.pay(paymentId);
    expect(await h.where('payment_events', { paymentId, type: 'abnormal_payment' })).toHaveLength(1);
    // the ordinary refund refuses a closed payment; the abnormal one is the way
    expect((await h.refund({ paymentId, reason: '退款' })).code).toBe(40941);

    const requestId = newRequestId();
    const ask = (who: string, id = requestId) => h.call({ action: 'refundAbnormal', paymentId, reason: '关闭后收到付款，退还顾客', requestId: id }, who);
    expect((await ask(CLERK)).code).toBe(40301);
    expect(await ask(ADMIN)).toMatchObject({ code: 0, data: { refundId: `R${paymentId.slice(1)}01`, refundFen: 3000, status: 'processing' } });
    await h.simulator.idle();
    expect(h.simulator.get(paymentId)!.refunds.map((r) => [r.refundFee, r.status])).toEqual([[3000, 'SUCCESS']]);
    const payment = await h.doc('payments', paymentId);
    expect(payment).toMatchObject({
      status: 'closed',
      refundCount: 1,
      refundedFen: 0,
      abnormal: { reason: 'paid_while_closed', refundedFen: 3000, refundingId: null },
    });
    expect(await h.doc(`refunds`, `R${paymentId.slice(1)}01`)).toMatchObject({ kind: 'abnormal', status: 'succeeded', refundFen: 3000 });
    // the order and the member's points never moved
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'pending' });
    expect((await h.doc('orders', orderId)).refundStatus ?? null).toBeNull();
    expect(await h.where('member_points_logs', { openid })).toHaveLength(0);

    // the same request again answers the first result and sends nothing; a new one finds nothing left
    expect(await ask(ADMIN)).toMatchObject({ code: 0, data: { status: 'succeeded', refundFen: 3000, replayed: true } });
    expect(await ask(ADMIN, newRequestId())).toMatchObject({ code: 40941, message: expect.stringContaining('已全部退还') });
    expect(h.simulator.get(paymentId)!.refunds).toHaveLength(1);
    expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.refund.abnormal' })).toEqual([
      expect.objectContaining({ operatorOpenid: ADMIN, details: expect.objectContaining({ refundFen: 3000, abnormalReason: 'paid_while_closed', requestId }) }),
    ]);
    const detail = await h.call({ action: 'getPaymentDetail', paymentId }, ADMIN);
    expect(detail.data.payment.abnormal).toEqual({ reason: 'paid_while_closed', reportedFen: 3000, refundedFen: 3000, refunding: false });
    expect(detail.data.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['abnormal_payment', 'abnormal_refund_requested', 'abnormal_refund_succeeded']),
    );
  });

  it('an amount that did not match is given back the same way; the payment closes and the order can then be paid properly', async () => {
    const openid = 'diner-mismatch-refund';
    const { orderId, paymentId } = await wechatPayment(openid, 5000);
    await h.simulator.pay(paymentId, { reportedFee: 4999 });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending', abnormal: { reason: 'amount_mismatch', reportedFen: 4999 } });
    // its WeChat order is paid: the diner is not handed it again while staff sort the money out
    expect(await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid)).toMatchObject({
      code: 40940,
      message: expect.stringContaining('异常'),
    });

    const refunded = await h.call({ action: 'refundAbnormal', paymentId, reason: '金额不符，原路退回', requestId: newRequestId() }, ADMIN);
    expect(refunded).toMatchObject({ code: 0, data: { refundFen: 4999, status: 'processing' } });
    await h.simulator.idle();
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', closedReason: 'abnormal_refund', abnormal: { refundedFen: 4999 } });
    expect(h.simulator.get(paymentId)!.refunds.map((r) => r.refundFee)).toEqual([4999]);

    const again = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    expect(again.code).toBe(0);
    expect(again.data.payment.paymentId).not.toBe(paymentId);
    await h.simulator.pay(again.data.payment.paymentId);
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId: again.data.payment.paymentId, paidFen: 5000 });
  });

  it('Pay Score money that arrived for a closed payment is given back on the merchant platform and recorded the same way', async () => {
    const openid = 'diner-payscore-abnormal';
    const orderId = await h.order(openid, 3000, 'cabinet');
    const created = await h.call({ action: 'createPayment', orderId, method: 'payscore' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: created.data.payScore.extraData });
    h.sandbox.options.autoCollect = false;
    try {
      expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 2000 }] }, ADMIN)).toMatchObject({ code: 0 });
    } finally {
      h.sandbox.options.autoCollect = true;
    }
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { status: 'closed', closedReason: 'expired' } });
    await h.sandbox.collect(paymentId);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', abnormal: { reason: 'paid_while_closed', reportedFen: 2000 } });

    const recorded = await h.call({ action: 'refundAbnormal', paymentId, reason: '商户平台已退还', requestId: newRequestId() }, ADMIN);
    expect(recorded).toMatchObject({ code: 0, data: { refundFen: 2000, status: 'succeeded' } });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', abnormal: { refundedFen: 2000, refundingId: null } });
    expect(await h.doc('refunds', `R${paymentId.slice(1)}01`)).toMatchObject({ kind: 'abnormal', external: true, status: 'succeeded' });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(0);
  });

  it('counts towards the 50 refunds WeChat allows per order, runs one at a time, and only gives back unbooked money', async () => {
    const { paymentId } = await paidWhileClosed('diner-abnormal-limit', 1200);
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { refundCount: 50 } });
    const ask = () => h.call({ action: 'refundAbnormal', paymentId, reason: '退还异常款项', requestId: newRequestId() }, ADMIN);
    expect(await ask()).toMatchObject({ code: 40943 });
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { refundCount: 0, 'abnormal.refundingId': 'R00000000000000000000000000001' } });
    expect(await ask()).toMatchObject({ code: 40942 });
    expect(h.simulator.get(paymentId)!.refunds).toHaveLength(0);

    // a payment with nothing abnormal has nothing to give back this way
    const { paymentId: normal } = await wechatPayment('diner-abnormal-none', 1000);
    await h.simulator.pay(normal);
    expect(await h.call({ action: 'refundAbnormal', paymentId: normal, reason: '退还异常款项', requestId: newRequestId() }, ADMIN)).toMatchObject({
      code: 40941,
    });
  });
});
