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
    // stored: the readable number and the store id, never the internal order id
    const pointRows = await h.where('member_points_logs', { openid });
    const ticketRows = await h.where('member_ticket_logs', { openid });
    expect(pointRows).toContainEqual(expect.objectContaining({ reason: `订单 ${number(cashOrder)} 支付`, storeId: STORE }));
    expect(ticketRows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: `订单 ${number(ticketOrder)} 礼票支付`, storeId: STORE }),
        expect.objectContaining({ reason: `订单 ${number(ticketOrder)} 退款退回礼票`, storeId: STORE }),
      ]),
    );
    // shown: the store's name in front (积分明细 / 礼票明细)
    const points = (await h.emulator.call('member', { action: 'listPointsLogs' }, openid)) as { data: { items: { reason: string }[] } };
    const ticketLog = (await h.emulator.call('member', { action: 'listTicketLogs' }, openid)) as { data: { items: { reason: string }[] } };
    const shown = [...points.data.items, ...ticketLog.data.items].map((entry) => entry.reason);
    expect(shown).toEqual(
      expect.arrayContaining([
        `气候餐厅（测试店） · 订单 ${number(cashOrder)} 支付`,
        `气候餐厅（测试店） · 订单 ${number(ticketOrder)} 礼票支付`,
        `气候餐厅（测试店） · 订单 ${number(ticketOrder)} 退款退回礼票`,
      ]),
    );
    for (const text of [...shown, ...pointRows.map((row) => String(row.reason)), ...ticketRows.map((row) => String(row.reason))]) {
      expect(text).not.toContain(cashOrder);
      expect(text).not.toContain(ticketOrder);
    }
  });
});
