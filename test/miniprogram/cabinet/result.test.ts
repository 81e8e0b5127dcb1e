/** 结算结果 (cabinet subpackage): items, amounts and how the session was paid. */
import { mountPage, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { doorSession, paidItems } from './fixtures';

const RESULT = 'cabinet/pages/result/index';

function backend(session: () => unknown) {
  stubFunctions({ member: { getSession: () => dinerSession }, cabinet: { getDoorSession: () => session() } });
}

describe('结算结果', () => {
  it('Pay Score: the items, the total and 微信支付分', async () => {
    backend(() => doorSession({ status: 'paid', orderId: 'order_c1', items: paidItems, totalFen: 1500, wechatFen: 1500, paidAt: '2026-12-04T04:05:00.000Z' }));
    const page = await mountPage(RESULT, { query: { sessionId: 'sess_1' } });
    await page.waitForText('支付成功');
    for (const text of ['可乐', '× 2', '¥7.00', '薯片', '¥8.00', '合计', '¥15.00', '微信支付分 ¥15.00', '2026-12-04 12:05'])
      expect(page.text()).toContain(text);
    await page.tapText('查看订单');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/ordering/detail/index?orderId=order_c1' });
  });

  it('gift tickets: the tickets used', async () => {
    backend(() =>
      doorSession({ status: 'paid', paymentMethod: 'tickets', orderId: 'order_c2', items: paidItems, totalFen: 1500, ticketFen: 1500, ticketsUsed: 7500 }),
    );
    const page = await mountPage(RESULT, { query: { sessionId: 'sess_1' } });
    await page.waitForText('支付成功');
    expect(page.text()).toContain('礼票 7,500 张（¥15.00）');
    expect(page.text()).toContain('礼票抵扣');
    expect(page.text()).not.toContain('微信支付分');
  });

  it('split: tickets short, the remainder waits for WeChat Pay (去支付)', async () => {
    backend(() =>
      doorSession({
        status: 'unpaid',
        paymentMethod: 'tickets',
        orderId: 'order_c3',
        items: paidItems,
        totalFen: 1500,
        ticketFen: 1000,
        ticketsUsed: 5000,
        wechatFen: 500,
      }),
    );
    const page = await mountPage(RESULT, { query: { sessionId: 'sess_1' } });
    await page.waitForText('待支付');
    expect(page.text()).toContain('礼票 5,000 张（¥10.00）+ 微信支付 ¥5.00');
    expect(page.text()).toContain('待微信支付');
    await page.tapText('去支付');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_c3' });
  });

  it('still settling: says so and shows the result once settled', async () => {
    let i = 0;
    backend(() =>
      i++ === 0 ? doorSession({ status: 'settling' }) : doorSession({ status: 'paid', orderId: 'order_c1', items: paidItems, totalFen: 1500, wechatFen: 1500 }),
    );
    const page = await mountPage(RESULT, { query: { sessionId: 'sess_1' } });
    await page.waitForText('正在结算');
    await page.waitForText('支付成功', 5000);
  });

  it('nothing taken: 购物已结束, nothing charged', async () => {
    backend(() => doorSession({ status: 'ended', endReason: 'empty' }));
    const page = await mountPage(RESULT, { query: { sessionId: 'sess_1' } });
    await page.waitForText('您没有取走商品，本次没有扣款');
    expect(page.text()).not.toContain('查看订单');
  });
});
