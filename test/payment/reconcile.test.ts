import { startPaymentHarness, type PaymentHarness } from './support';

/** The timer sweep must reach every payment that needs it, however many wait for staff. */
describe('reconciliation sweep', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('payments flagged abnormal (waiting for staff) do not starve newer ones out of the sweep', async () => {
    // A full page (100) of old payments WeChat charged a wrong amount for: pending + abnormal.
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const abnormalIds = Array.from({ length: 100 }, (_, i) => `P20261122090000${String(i).padStart(12, '0')}`);
    h.emulator.db.insertRaw(
      'payments',
      abnormalIds.map((id) => ({
        _id: id,
        orderId: `order_${id}`,
        orderSource: 'table',
        storeId: 'store_pay_test',
        openid: 'diner-abnormal',
        method: 'wechat',
        amountFen: 1000,
        discountFen: 0,
        payableFen: 1000,
        levelCode: 'normal',
        status: 'pending',
        refundedFen: 0,
        refundCount: 0,
        abnormal: { reason: 'amount_mismatch', reportedFen: 1, transactionId: `4200${id.slice(-10)}`, at: hourAgo },
        createdAt: hourAgo,
        updatedAt: hourAgo,
      })),
    );

    // A newer payment whose notification was lost: only the sweep can settle it.
    const openid = 'diner-lost-notification';
    const orderId = await h.order(openid, 2000);
    const created = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    await h.simulator.pay(paymentId, { notify: false });
    await h.db
      .collection('payments')
      .doc(paymentId)
      .update({ data: { createdAt: new Date(Date.now() - 6 * 60_000) } });

    h.emulator.resetStats();
    const fired = await h.emulator.timers.fire('payment');
    expect(fired).toMatchObject({ ok: true });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'paid', pointsEarned: 20 });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid' });
    // the abnormal ones were not asked about again: one queryOrder, for the lost payment
    expect(h.emulator.stats()['wx.wxPayApi']).toBe(1);
    expect((await h.where('payments', { openid: 'diner-abnormal', status: 'pending' })).length).toBe(100);
  });
});
