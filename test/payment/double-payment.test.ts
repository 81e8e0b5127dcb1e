import { randomBytes } from 'node:crypto';
import { CLERK, startPaymentHarness, type PaymentHarness } from './support';

/** One order is paid once: creating a payment claims the order, and a second payment's money never pays it again. */
describe('one order, one payment', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('concurrent createPayment calls for one order create one payment and one WeChat order', async () => {
    const openid = 'diner-double-tap';
    const orderId = await h.order(openid, 4200);
    const replies = await Promise.all(Array.from({ length: 5 }, () => h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid)));
    expect(replies.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    const ids = new Set(replies.map((r) => r.data.payment.paymentId as string));
    expect(ids.size).toBe(1);
    const [paymentId] = [...ids];
    expect(await h.where('payments', { orderId })).toHaveLength(1);
    expect(await h.where('payment_events', { paymentId, type: 'created' })).toHaveLength(1);
    expect(h.simulator.list().filter((o) => o.body.includes(orderId.slice(-8)))).toHaveLength(1);
    expect(await h.doc('orders', orderId)).toMatchObject({ paymentId, paymentMethod: 'wechat' });
  });

  it('concurrent calls with different methods still leave one open payment for the order', async () => {
    const openid = 'diner-two-methods';
    const orderId = await h.order(openid, 1800);
    const replies = await Promise.all([
      h.call({ action: 'createPayment', orderId, method: 'cash' }, openid),
      h.call({ action: 'createPayment', orderId, method: 'cash' }, openid),
      h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid),
    ]);
    expect(replies.some((r) => r.code === 0)).toBe(true);
    const pending = (await h.where('payments', { orderId })).filter((p) => p.status === 'pending');
    expect(pending).toHaveLength(1);
    expect(await h.doc('orders', orderId)).toMatchObject({ paymentId: pending[0]._id });
  });

  it("a second payment's money for an already paid order is flagged for a refund: no second payment of the order, no second points", async () => {
    const openid = 'diner-paid-twice';
    const orderId = await h.order(openid, 3000);
    const first = await h.call({ action: 'createPayment', orderId, method: 'wechat' }, openid);
    const firstId = first.data.payment.paymentId as string;

    // A second WeChat payment for the same order, as one created before the order was claimed
    // atomically could exist: its own payment document and its own WeChat order.
    const secondId = `P20261122120000${randomBytes(6).toString('hex')}`;
    const now = new Date();
    h.emulator.db.insertRaw('payments', [
      {
        _id: secondId,
        orderId,
        orderSource: 'table',
        storeId: 'store_pay_test',
        openid,
        method: 'wechat',
        amountFen: 3000,
        discountFen: 0,
        payableFen: 3000,
        levelCode: 'normal',
        status: 'pending',
        refundedFen: 0,
        refundCount: 0,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    h.simulator.handle(
      'unifiedOrder',
      {
        body: '第二笔',
        out_trade_no: secondId,
        total_fee: 3000,
        spbill_create_ip: '127.0.0.1',
        sub_mch_id: '1900000109',
        env_id: 'local-dev',
        function_name: 'payment',
        nonce_str: 'n',
      },
      { openid },
    );

    await h.simulator.pay(firstId);
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId: firstId, paidFen: 3000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 30 });

    const paid = await h.simulator.pay(secondId);
    expect(paid.deliveries).toEqual([{ attempts: 1, ok: true, lastReply: { errcode: 0, errmsg: 'OK' } }]);
    expect(await h.doc('payments', secondId)).toMatchObject({
      status: 'paid',
      pointsEarned: 0,
      abnormal: { reason: 'order_already_paid', reportedFen: 3000, paidBy: firstId },
    });
    // the order still belongs to the first payment; points were credited once
    expect(await h.doc('orders', orderId)).toMatchObject({ status: 'paid', paymentId: firstId, paidFen: 3000 });
    expect(await h.doc('members', openid)).toMatchObject({ points: 30, totalEarned: 30 });
    expect(await h.where('member_points_logs', { openid })).toHaveLength(1);
    const list = await h.call({ action: 'listPayments', abnormalOnly: true }, 'staff-admin-openid');
    expect(list.data.items.map((p: { paymentId: string }) => p.paymentId)).toContain(secondId);

    // staff refund it: the diner gets the money back, the order and the points stay as they were
    expect(await h.refund({ paymentId: secondId, reason: '重复支付退款' })).toMatchObject({ code: 0, data: { status: 'processing' } });
    await h.simulator.idle();
    expect(await h.doc('payments', secondId)).toMatchObject({ status: 'refunded', refundedFen: 3000 });
    const order = await h.doc('orders', orderId);
    expect(order).toMatchObject({ status: 'paid', paymentId: firstId });
    expect(order.refundStatus ?? null).toBeNull();
    expect(await h.doc('members', openid)).toMatchObject({ points: 30 });
  });

  it('cash and gift tickets refuse to pay an order another payment already paid', async () => {
    const openid = 'diner-cash-after-paid';
    await h.member(openid, { tickets: 50000 });
    const orderId = await h.order(openid, 1000);
    const cash = await h.call({ action: 'createPayment', orderId, method: 'cash' }, openid);
    const cashId = cash.data.payment.paymentId as string;
    const tickets = await h.call({ action: 'createPayment', orderId, method: 'tickets' }, openid);
    const ticketsId = tickets.data.payment.paymentId as string;
    // the cash payment was abandoned for tickets; make it pending again as if the switch had raced
    await h.db
      .collection('payments')
      .doc(cashId)
      .update({ data: { status: 'pending' } });
    expect(await h.call({ action: 'payWithTickets', paymentId: ticketsId }, openid)).toMatchObject({ code: 0 });
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 45000 });

    expect(await h.call({ action: 'confirmCash', paymentId: cashId }, CLERK)).toMatchObject({ code: 40940 });
    expect(await h.doc('payments', cashId)).toMatchObject({ status: 'pending' });
    expect(await h.where('audit_logs', { targetId: cashId })).toHaveLength(0);
    expect(await h.doc('orders', orderId)).toMatchObject({ paymentId: ticketsId, paymentMethod: 'tickets' });

    // the other way round: cash paid the order, a stale gift-ticket payment must not deduct anything
    const other = await h.order(openid, 1000);
    const staleTickets = (await h.call({ action: 'createPayment', orderId: other, method: 'tickets' }, openid)).data.payment.paymentId as string;
    const paidCash = (await h.call({ action: 'createPayment', orderId: other, method: 'cash' }, openid)).data.payment.paymentId as string;
    expect(await h.call({ action: 'confirmCash', paymentId: paidCash }, CLERK)).toMatchObject({ code: 0 });
    await h.db
      .collection('payments')
      .doc(staleTickets)
      .update({ data: { status: 'pending' } });
    expect(await h.call({ action: 'payWithTickets', paymentId: staleTickets }, openid)).toMatchObject({ code: 40940 });
    expect(await h.doc('members', openid)).toMatchObject({ tickets: 45000 });
    expect(await h.doc('payments', staleTickets)).toMatchObject({ status: 'pending' });
  });
});
