import { startPaymentHarness, type PaymentHarness, ADMIN, CLERK } from './support';

/** Gift tickets (seed 004: ¥X = X×500 tickets, deducted with the payment in one transaction) and cash. */
describe('gift-ticket and cash payments', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a failure inside the ticket transaction rolls the deduction back; a retry then pays once', async () => {
    const openid = 'diner-tickets';
    await h.member(openid, { tickets: 20000 });
    const orderId = await h.order(openid, 2800);
    const quote = await h.call({ action: 'quote', orderId }, openid);
    expect(quote.data).toMatchObject({ amountFen: 2800, quote: { final: 2800, discount: 0 }, tickets: { balance: 20000, required: 14000, enough: true } });
    const created = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    expect(created).toMatchObject({ code: 0, data: { payment: { status: 'pending', method: 'tickets', payableFen: 2800 } } });
    const paymentId = created.data.payment.paymentId as string;

    // Data provokes the failure: an event row already holds this payment's "paid" id, so the
    // transaction's last write collides after the tickets were deducted inside it.
    h.emulator.db.insertRaw('payment_events', [{ _id: `${paymentId}:pay_succeeded`, paymentId: 'someone-else', type: 'pay_succeeded' }]);
    const failed = await h.call({ action: 'payWithTickets', paymentId }, openid);
    expect(failed.code).not.toBe(0);
    expect(failed.data).toBeNull();
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 20000 });
    expect(await h.where('member_ticket_logs', { openid })).toHaveLength(0);
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'pending' });

    await h.db.collection('payment_events').doc(`${paymentId}:pay_succeeded`).remove();
    const paid = await h.call({ action: 'payWithTickets', paymentId }, openid);
    expect(paid).toMatchObject({ code: 0, data: { ticketsSpent: 14000, ticketsBalance: 6000, payment: { status: 'paid', pointsEarned: 0 } } });
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentMethod: 'tickets' });
    const again = await h.call({ action: 'payWithTickets', paymentId }, openid);
    expect(again.data.alreadyPaid).toBe(true);
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 6000 });

    // refunding half gives half the tickets back
    const refund = await h.refund({ paymentId, refundFen: 1400, reason: '部分退款' }, ADMIN);
    expect(refund).toMatchObject({ code: 0, data: { status: 'succeeded', ticketsReturned: 7000, paymentStatus: 'partially_refunded' } });
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 13000 });
  });

  it('refuses a ticket payment the balance cannot cover, writing nothing', async () => {
    const openid = 'diner-poor';
    await h.member(openid, { tickets: 100 });
    const orderId = await h.order(openid, 2800);
    const created = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    const reply = await h.call({ action: 'payWithTickets', paymentId: created.data.payment.paymentId }, openid);
    expect(reply).toMatchObject({ code: 40961, message: expect.stringContaining('礼票余额不足') });
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 100 });
  });

  it('cash waits for a clerk to confirm; the confirmation is audited and earns points', async () => {
    const openid = 'diner-cash';
    const orderId = await h.order(openid, 5600);
    const created = await h.call({ action: 'createPayment', orderId, method: 'cash' }, openid);
    const paymentId = created.data.payment.paymentId as string;
    expect((await h.call({ action: 'confirmCash', paymentId }, openid)).code).toBe(40301);
    const confirmed = await h.call({ action: 'confirmCash', paymentId }, CLERK);
    expect(confirmed).toMatchObject({ code: 0, data: { payment: { status: 'paid' }, points: 56 } });
    expect(await h.doc('members', openid)).toMatchObject({ points: 56 });
    expect(await h.where('audit_logs', { targetId: paymentId, action: 'payment.cash.confirm' })).toEqual([expect.objectContaining({ operatorOpenid: CLERK })]);
    const twice = await h.call({ action: 'confirmCash', paymentId }, CLERK);
    expect(twice.data.points).toBe(56);
    expect(await h.doc('members', openid)).toMatchObject({ points: 56 });
  });

  it('rejects bad input with the field path, and answers someone else’s order exactly like a missing one', async () => {
    const orderId = await h.order('owner', 1000);
    expect(await h.call({ action: 'createPayment', orderId, method: 'bitcoin' }, 'owner')).toMatchObject({ code: 40001, details: { field: 'method' } });
    const notFound = { code: 40440, message: '订单不存在', data: null, details: { field: 'orderId' } };
    const strip = ({ requestId: _ignored, ...reply }: Record<string, unknown>) => reply;
    for (const action of [
      { action: 'quote', orderId },
      { action: 'createPayment', orderId, method: 'wechat' },
      { action: 'getPayment', orderId },
    ]) {
      const missing = strip(await h.call({ ...action, orderId: 'order_that_does_not_exist' }, 'intruder'));
      expect(missing).toEqual(notFound);
      expect(strip(await h.call(action, 'intruder'))).toEqual(missing);
    }
    expect(await h.where('payments', { orderId })).toHaveLength(0);
    // and someone else's payment like a missing payment
    const created = await h.call({ action: 'createPayment', orderId, method: 'cash' }, 'owner');
    const paymentId = created.data.payment.paymentId as string;
    const missingPayment = strip(await h.call({ action: 'getPayment', paymentId: `P20200101000000${'0'.repeat(12)}` }, 'intruder'));
    expect(missingPayment).toMatchObject({ code: 40441 });
    expect(strip(await h.call({ action: 'getPayment', paymentId }, 'intruder'))).toEqual(missingPayment);
    expect(strip(await h.call({ action: 'payWithTickets', paymentId }, 'intruder'))).toMatchObject({ code: 40441 });
  });

  it('staff do not confirm, refund or complete their own payments', async () => {
    // the clerk dines here too
    const orderId = await h.order(CLERK, 3000);
    const created = await h.call({ action: 'createPayment', orderId, method: 'cash' }, CLERK);
    const paymentId = created.data.payment.paymentId as string;
    expect(await h.call({ action: 'confirmCash', paymentId }, CLERK)).toMatchObject({ code: 40341, message: '不能处理自己的支付' });
    expect(await h.doc('payments', paymentId)).toMatchObject({ status: 'pending' });
    // a colleague may
    expect(await h.call({ action: 'confirmCash', paymentId }, ADMIN)).toMatchObject({ code: 0 });
    const adminOrder = await h.order(ADMIN, 2000);
    const own = (await h.call({ action: 'createPayment', orderId: adminOrder, method: 'cash' }, ADMIN)).data.payment.paymentId as string;
    await h.call({ action: 'confirmCash', paymentId: own }, CLERK);
    expect(await h.refund({ paymentId: own, reason: '给自己退款' }, ADMIN)).toMatchObject({ code: 40341 });
    expect(await h.doc('payments', own)).toMatchObject({ status: 'paid', refundedFen: 0 });
  });
});
