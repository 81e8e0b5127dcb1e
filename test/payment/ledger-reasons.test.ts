import { startPaymentHarness, type PaymentHarness, ADMIN, CLERK, STORE } from './support';

/** What the diner reads in 积分明细 / 礼票明细 for a payment: the store and a readable order number, no internal ids. */
describe('ledger texts of payments and refunds', () => {
  let h: PaymentHarness;
  beforeAll(async () => {
    h = await startPaymentHarness();
    h.emulator.db.insertRaw('stores', [{ _id: STORE, name: '气候餐厅（测试店）', status: 'active' }]);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('points for a cash payment and tickets for a ticket payment and its refund name the store and the order number', async () => {
    const openid = 'diner-reasons';
    await h.member(openid, { tickets: 20000 });
    const cashOrder = await h.order(openid, 5600);
    const cash = await h.call({ action: 'createPayment', orderId: cashOrder, method: 'cash' }, openid);
    expect((await h.call({ action: 'confirmCash', paymentId: cash.data.payment.paymentId }, CLERK)).code).toBe(0);

    const ticketOrder = await h.order(openid, 2800);
    const tickets = await h.call({ action: 'createPayment', orderId: ticketOrder, method: 'tickets' }, openid);
    const ticketPaymentId = tickets.data.payment.paymentId as string;
    expect((await h.call({ action: 'payWithTickets', paymentId: ticketPaymentId }, openid)).code).toBe(0);
    expect((await h.refund({ paymentId: ticketPaymentId, refundFen: 1400, reason: '部分退款' }, ADMIN)).code).toBe(0);

    const number = (id: string) =>
      id
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(-8)
        .toUpperCase();
    const points = (await h.where('member_points_logs', { openid })).map((row) => row.reason as string);
    const ticketRows = (await h.where('member_ticket_logs', { openid })).map((row) => row.reason as string);
    expect(points).toContain(`气候餐厅（测试店） · 订单 ${number(cashOrder)} 支付`);
    expect(ticketRows).toEqual(
      expect.arrayContaining([`气候餐厅（测试店） · 订单 ${number(ticketOrder)} 礼票支付`, `气候餐厅（测试店） · 订单 ${number(ticketOrder)} 退款退回礼票`]),
    );
    for (const text of [...points, ...ticketRows]) {
      expect(text).not.toContain(cashOrder);
      expect(text).not.toContain(ticketOrder);
    }
  });
});
