import { DEVICE, openAndWait, requestId, sessionState, startCabinetHarness, type CabinetHarness } from './support';

/**
 * Gift tickets (seed 4.3 / 五.5.2): amount × 500 deducted in one transaction with the order; tickets
 * short → the rest is a pending WeChat Pay payment that blocks the next scan until paid; a
 * deduction that fails rolls back and the diner is told.
 */
describe('cabinet: gift tickets', () => {
  let h: CabinetHarness;
  beforeAll(async () => {
    h = await startCabinetHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    await h.settle();
  });
  const close = (goods: string) => h.emulator.http('POST', '/_emulator/cabinet/close', { body: { device: DEVICE, goods } });

  it('pays with tickets: ¥7.00 costs 3,500 tickets, in one transaction with the order', async () => {
    const openid = h.diner(100_000);
    const sessionId = await openAndWait(h, openid, 'tickets');
    await close('XM-SKU-COLA:2');
    const done = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(done).toMatchObject({
      state: 'paid',
      order: { totalFen: 700, split: { paymentType: 'tickets', ticketFen: 700, ticketsSpent: 3500, wechatFen: 0, dueFen: 0 } },
    });
    expect(h.doc('members', openid)).toMatchObject({ tickets: 96_500 });
    expect(h.doc('member_ticket_logs', `payment:${done.order.orderId}`)).toMatchObject({ tickets: -3500, amountFen: 700 });
    expect(h.doc('orders', done.order.orderId)).toMatchObject({ status: 'paid', paymentMethod: 'tickets', cabinet: { ticketFen: 700, ticketsSpent: 3500 } });
  });

  it('tickets short: the rest is owed by WeChat Pay, blocks the next scan, and paying it unblocks', async () => {
    const openid = h.diner(1000);
    const sessionId = await openAndWait(h, openid, 'tickets');
    await close('XM-SKU-CHIPS:1');
    const done = await sessionState(h, openid, sessionId, (s) => s === 'unpaid');
    expect(done).toMatchObject({
      state: 'unpaid',
      order: { totalFen: 650, split: { paymentType: 'tickets_wechat', ticketFen: 200, ticketsSpent: 1000, dueFen: 450 } },
    });
    expect(h.doc('members', openid)).toMatchObject({ tickets: 0 });

    const checks = await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid);
    expect(checks.data).toMatchObject({ blockedBy: 'unpaid', canOpen: false, unpaidOrders: [{ orderId: done.order.orderId, dueFen: 450, totalFen: 650 }] });
    expect((await h.call('openDoor', { deviceCode: DEVICE, method: 'payscore', requestId: requestId() }, openid)).code).toBe(40993);

    // 去支付: the payment function charges what is due, not the whole order
    const created = await h.emulator.call<any>('payment', { action: 'createPayment', orderId: done.order.orderId, method: 'wechat' }, openid);
    expect(created).toMatchObject({ code: 0, data: { payment: { payableFen: 450 } } });
    const paid = await h.emulator.http('POST', '/_emulator/wxpay/pay', { body: { outTradeNo: created.data.payment.paymentId } });
    expect(paid.status).toBe(200);
    const after = await sessionState(h, openid, sessionId, (s) => s === 'paid');
    expect(after.state).toBe('paid');
    await h.authorize(openid);
    expect((await h.call('checkBeforeOpen', { deviceCode: DEVICE }, openid)).data).toMatchObject({ blockedBy: null, unpaidOrders: [] });
  });

  it('a deduction that can no longer be made rolls back: no ticket moves, the whole amount is owed and the diner is told', async () => {
    const openid = h.diner(100_000);
    const sessionId = await openAndWait(h, openid, 'tickets');
    // the balance is spent elsewhere while the door is open (store-side adjustment)
    const { connectSdk } = await import('../helpers/emulator');
    await connectSdk(h.emulator.url)
      .database()
      .collection('members')
      .doc(openid)
      .update({ data: { tickets: 3 } });
    await close('XM-SKU-COLA:1');
    const done = await sessionState(h, openid, sessionId, (s) => s === 'unpaid');
    expect(done).toMatchObject({
      state: 'unpaid',
      hint: expect.stringContaining('礼票'),
      order: { totalFen: 350, split: { ticketFen: 0, ticketsSpent: 0, dueFen: 350 } },
    });
    expect(h.doc('members', openid)).toMatchObject({ tickets: 3 });
    expect(h.where('member_ticket_logs', { openid })).toHaveLength(0);
  });
});
