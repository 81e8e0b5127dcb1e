/** 结算结果 (cabinet subpackage): items, amounts and how the session was paid. */
import { mountPage, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { doorSession, sessionOrder } from './fixtures';

const RESULT = 'cabinet/pages/result/index';

function backend(session: () => unknown) {
  stubFunctions({ member: { getSession: () => dinerSession }, cabinet: { getSession: () => session() } });
}

describe('结算结果', () => {
  it('Pay Score: the items, the total and 微信支付分', async () => {
    backend(() => doorSession({ state: 'paid', order: sessionOrder({ wechatFen: 1500 }) }));
    const page = await mountPage(RESULT, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('支付成功');
    for (const text of ['可乐', '¥3.50 × 2', '¥7.00', '薯片', '¥8.00', '合计', '¥15.00', '微信支付分 ¥15.00', '2026-12-04 12:05', '+15', 'CAB00001'])
      expect(page.text()).toContain(text);
    await page.tapText('查看订单');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/detail/index?orderId=order_c1' });
  });

  it('gift tickets: the tickets used', async () => {
    backend(() => doorSession({ state: 'paid', method: 'tickets', order: sessionOrder({ paymentType: 'tickets', ticketFen: 1500, ticketsSpent: 7500 }) }));
    const page = await mountPage(RESULT, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('支付成功');
    expect(page.text()).toContain('礼票 7,500 张（¥15.00）');
    expect(page.text()).toContain('¥15.00（7,500 张）');
    expect(page.text()).toContain('礼票抵扣');
    expect(page.text()).not.toContain('微信支付分');
  });

  it('split: tickets short, the remainder waits for WeChat Pay (去支付)', async () => {
    backend(() =>
      doorSession({
        state: 'unpaid',
        method: 'tickets',
        order: sessionOrder(
          { paymentType: 'tickets_wechat', ticketFen: 1000, ticketsSpent: 5000, dueFen: 500 },
          { orderId: 'order_c3', state: 'unpaid', paidAt: null, pointsEarned: 0 },
        ),
      }),
    );
    const page = await mountPage(RESULT, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('待支付');
    expect(page.text()).toContain('礼票 5,000 张（¥10.00） + 微信支付 ¥5.00');
    expect(page.text()).toContain('待微信支付');
    await page.tapText('去支付');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_c3' });
  });

  it('still settling: says so and shows the result once settled', async () => {
    let i = 0;
    backend(() => (i++ === 0 ? doorSession({ state: 'settling' }) : doorSession({ state: 'paid', order: sessionOrder({ wechatFen: 1500 }) })));
    const page = await mountPage(RESULT, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('正在结算');
    await page.waitForText('支付成功', 5000);
  });

  it('nothing taken: 购物已结束, nothing charged', async () => {
    backend(() => doorSession({ state: 'empty' }));
    const page = await mountPage(RESULT, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('您没有取走商品，本次没有扣款');
    expect(page.text()).not.toContain('查看订单');
  });
});
