import { ADMIN, startPaymentHarness, type PaymentHarness } from './support';

/**
 * Races between creating a payment's WeChat order and closing the payment (switching method in
 * another tab, the reconciliation timer). The simulator holds one WeChat call back to widen the
 * window deterministically. Whatever interleaves, one order is paid once: never by gift tickets
 * AND by WeChat, never by WeChat while the payment here is closed.
 */
describe('creating a WeChat order while its payment is being closed', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const HOLD_MS = 1500;

  async function onlyPayment(orderId: string) {
    const payments = await h.where('payments', { orderId });
    expect(payments).toHaveLength(1);
    return payments[0] as { _id: string; gatewayPendingSince?: Date | null };
  }

  it('switching to gift tickets while WeChat Pay is being created in another tab waits for it, then closes the WeChat order first', async () => {
    const openid = 'race-switch-diner';
    await h.member(openid, { tickets: 50000 });
    const orderId = await h.order(openid, 3000);
    const held = h.simulator.delayNext('unifiedOrder', HOLD_MS);
    const tabA = h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    await held.reached; // claimed here; WeChat has not seen the order yet
    const wechat = await onlyPayment(orderId);

    // tab B switches meanwhile: WeChat's "no such order" proves nothing while tab A's order is on its way
    const tabB = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    expect(tabB).toMatchObject({ code: 40945, data: null });
    expect(await h.doc('payments', wechat._id)).toMatchObject({ status: 'pending' });

    const a = await tabA;
    expect(a).toMatchObject({ code: 0, data: { wxPayment: { package: expect.stringMatching(/^prepay_id=/) } } });
    expect((await h.doc('payments', wechat._id)).gatewayPendingSince ?? null).toBeNull();

    // a moment later the switch goes through: WeChat closes the order before anything else happens
    const retried = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    expect(retried).toMatchObject({ code: 0, data: { payment: { method: 'tickets' } } });
    expect(h.simulator.get(wechat._id)?.tradeState).toBe('CLOSED');
    expect(await h.call({ action: 'payWithTickets', paymentId: retried.data.payment.paymentId }, openid)).toMatchObject({ code: 0 });
    // tab A's cashier can no longer take money for the order
    await expect(h.simulator.pay(wechat._id)).rejects.toThrow(/closed/);
    expect(await h.doc('payments', wechat._id)).toMatchObject({ status: 'closed' });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'tickets' });
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 35000 });
  });

  it('a payment closed while its WeChat order was being created hands nothing to the diner and closes that order at WeChat', async () => {
    const openid = 'race-stale-marker';
    await h.member(openid, { tickets: 50000 });
    const orderId = await h.order(openid, 2000);
    const held = h.simulator.delayNext('unifiedOrder', HOLD_MS);
    const tabA = h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    await held.reached;
    const wechat = await onlyPayment(orderId);
    // A marker past its bound (as a run that died leaves it): "no such order" is believed again,
    // so tab B closes the payment while tab A's unifiedOrder is still on its way.
    await h.db
      .collection('payments')
      .doc(wechat._id)
      .update({ data: { gatewayPendingSince: new Date(Date.now() - 5 * 60_000) } });
    const tabB = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    expect(tabB.code).toBe(0);
    expect(await h.call({ action: 'payWithTickets', paymentId: tabB.data.payment.paymentId }, openid)).toMatchObject({ code: 0 });

    // tab A's order lands at WeChat after its payment was closed: not saved, not handed out, closed
    const a = await tabA;
    expect(a).toMatchObject({ code: 40946, data: null });
    expect(h.simulator.get(wechat._id)?.tradeState).toBe('CLOSED');
    const closed = await h.doc('payments', wechat._id);
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'method_changed' });
    expect(closed.wxPayment).toBeUndefined();
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'tickets' });
  });

  it('the reconciliation timer does not close an expired payment whose WeChat order the diner is creating right now, and asks WeChat to close even after "no such order"', async () => {
    const openid = 'race-reconcile';
    const orderId = await h.order(openid, 2500);
    h.simulator.failNext('unifiedOrder');
    expect((await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid)).code).toBe(50240);
    const payment = await onlyPayment(orderId);
    expect(payment.gatewayPendingSince ?? null).toBeNull();
    await h.db
      .collection('payments')
      .doc(payment._id)
      .update({ data: { createdAt: new Date(Date.now() - 31 * 60_000) } });

    // the diner comes back and pays: the same payment, its WeChat order created now …
    const held = h.simulator.delayNext('unifiedOrder', HOLD_MS);
    const retry = h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    await held.reached;
    // … while the sweep finds it expired and WeChat without an order for it
    const before = h.simulator.calls.length;
    expect(await h.emulator.timers.fire('payment')).toMatchObject({ ok: true });
    const asked = h.simulator.calls.slice(before).filter((c) => c.outTradeNo === payment._id && c.api !== 'unifiedOrder');
    expect(asked.map((c) => c.api)).toEqual(['queryOrder', 'closeOrder']);
    expect(await h.doc('payments', payment._id)).toMatchObject({ status: 'pending' });

    const reply = await retry;
    expect(reply).toMatchObject({ code: 0, data: { payment: { paymentId: payment._id }, wxPayment: { package: expect.stringMatching(/^prepay_id=/) } } });
    await h.simulator.pay(payment._id);
    expect(await h.doc('payments', payment._id)).toMatchObject({ status: 'paid', pointsEarned: 25 });
    expect((await h.doc('payments', payment._id)).abnormal).toBeUndefined();
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId: payment._id });
  });

  describe('switching away from Pay Score', () => {
    async function confirmedPayScore(openid: string, totalFen = 5000) {
      const orderId = await h.order(openid, totalFen, 'cabinet');
      const created = await h.call({ action: 'createPayment', orderId, method: 'payscore' }, openid);
      expect(created.code).toBe(0);
      const paymentId = created.data.payment.paymentId as string;
      expect(await h.emulator.http('POST', '/_emulator/wxpay/payscore/confirm', { body: created.data.payScore.extraData })).toMatchObject({ status: 200 });
      return { orderId, paymentId };
    }

    async function withoutAutoCollect<T>(run: () => Promise<T>): Promise<T> {
      h.sandbox.options.autoCollect = false;
      try {
        return await run();
      } finally {
        h.sandbox.options.autoCollect = true;
      }
    }

    it('is refused once staff completed the service order: the diner is charged once, by Pay Score', async () => {
      const openid = 'race-payscore-completed';
      const { orderId, paymentId } = await confirmedPayScore(openid);
      await withoutAutoCollect(async () => {
        expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 3200 }] }, ADMIN)).toMatchObject({ code: 0 });
        const switched = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
        expect(switched).toMatchObject({ code: 40947, message: expect.stringContaining('不能更换支付方式') });
      });
      expect(await h.where('payments', { orderId })).toHaveLength(1);
      expect(h.sandbox.get(paymentId)?.state).toBe('DONE');
      await h.sandbox.collect(paymentId);
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', payableFen: 3200 });
      expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'payscore' });
    });

    it('is refused when WeChat completed the service order but the completion never got recorded here', async () => {
      const openid = 'race-payscore-done-unrecorded';
      const { orderId, paymentId } = await confirmedPayScore(openid);
      await withoutAutoCollect(async () => {
        expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 2600 }] }, ADMIN)).toMatchObject({ code: 0 });
        // as if the record after WeChat's acceptance had been lost
        await h.db
          .collection('payments')
          .doc(paymentId)
          .update({ data: { payScoreCompletedAt: null } });
        expect(await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid)).toMatchObject({ code: 40947 });
      });
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
      expect(h.sandbox.get(paymentId)?.state).toBe('DONE');
    });

    it('cancels an open service order at WeChat before the switch, so it can never be charged', async () => {
      const openid = 'race-payscore-open';
      const { orderId, paymentId } = await confirmedPayScore(openid, 3000);
      const switched = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
      expect(switched).toMatchObject({ code: 0, data: { payment: { method: 'wechat' } } });
      expect(h.sandbox.get(paymentId)?.state).toBe('REVOKED');
      expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'closed', closedReason: 'method_changed' });
      // staff can no longer complete it either
      expect(await h.call({ action: 'completePayScore', paymentId, postPayments: [{ name: '便当', amountFen: 3000 }] }, ADMIN)).toMatchObject({ code: 40941 });
    });
  });
});
