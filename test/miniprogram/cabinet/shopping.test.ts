/**
 * 购物中 (cabinet subpackage): follows the door session by polling, one clear content per state,
 * and stops polling on a final state and when the page goes away.
 */
import { flush, mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { dinerSession } from '../support/sessions';
import { doorSession, sessionOrder } from './fixtures';

const SHOPPING = 'cabinet/pages/shopping/index';

function backend(session: () => unknown) {
  let calls = 0;
  stubFunctions({
    member: { getSession: () => dinerSession },
    cabinet: {
      getSession: (payload) => {
        calls += 1;
        expect(payload).toEqual({ sessionId: 'CS0000000001' });
        return session();
      },
    },
  });
  return () => calls;
}

describe('购物中: each state', () => {
  it.each([
    ['opening', '正在开门…', '柜门即将打开', 0],
    ['opened', '柜门已打开', '取完商品请关门，关门后自动结算', 1],
    ['closed', '柜门已关闭', '正在识别您取走的商品', 2],
    ['settling', '正在结算', '自动扣款', 3],
    ['confirming', '等待确认支付分', '确认后柜门自动打开', 0],
  ])('%s: %s', async (status, title, hint, step) => {
    backend(() => doorSession({ state: status }));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText(title);
    expect(page.text()).toContain(hint);
    for (const label of ['开门', '取货', '关门', '结算']) expect(page.text()).toContain(label);
    expect(page.data.step).toBe(step);
    expect(page.data.settled).toBe(false);
  });

  it('paid: 支付成功 and 查看结算结果', async () => {
    backend(() => doorSession({ state: 'paid', order: sessionOrder({ wechatFen: 1500 }) }));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('支付成功');
    expect(page.text()).toContain('¥15.00');
    await page.tapText('查看结算结果');
    expect(wxMock().callsOf('redirectTo')[0]).toMatchObject({ url: '/cabinet/pages/result/index?sessionId=CS0000000001' });
  });

  it('unpaid (tickets short): 去支付 opens the checkout of the order', async () => {
    backend(() =>
      doorSession({
        state: 'unpaid',
        method: 'tickets',
        order: sessionOrder(
          { paymentType: 'tickets_wechat', ticketFen: 1000, ticketsSpent: 5000, dueFen: 500 },
          { orderId: 'order_c2', state: 'unpaid', paidAt: null },
        ),
      }),
    );
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('待支付');
    expect(page.text()).toContain('付清前不能再次开门');
    await page.tapText('去支付');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=order_c2' });
  });

  it('under review: 人工审核中, nothing to pay', async () => {
    backend(() =>
      doorSession({ state: 'review', order: sessionOrder({ paymentType: 'none' }, { orderId: 'order_c3', totalFen: 80000, state: 'review', paidAt: null }) }),
    );
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('人工审核中');
    expect(page.text()).toContain('店员核对后再扣款');
    expect(page.text()).not.toContain('去支付');
    expect(page.text()).toContain('查看订单');
  });

  it.each([
    ['timeout', '柜门在 60 秒内没有打开', '柜门未能打开', '柜门在 60 秒内没有打开，本次没有扣款'],
    ['failed', '智能柜没有响应', '开门失败', '智能柜没有响应，本次没有扣款'],
    ['empty', null, '购物已结束', '您没有取走商品，本次没有扣款'],
    ['cancelled', null, '已取消', '本次购物已取消，没有扣款'],
  ])('ended without a charge (%s)', async (state, endReason, title, text) => {
    backend(() => doorSession({ state, endReason }));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText(title);
    expect(page.text()).toContain(text);
    expect(page.text()).toContain('返回首页');
  });

  it('without a session id: an error without 重试', async () => {
    backend(() => doorSession());
    const page = await mountPage(SHOPPING, { query: {} });
    await page.waitForText('缺少购物记录参数');
    expect(page.text()).not.toContain('重试');
  });

  it('a session that is not the diner’s: not found, no 重试', async () => {
    backend(() => new StubFailure(40491, '开门会话不存在'));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('开门会话不存在');
    expect(page.text()).not.toContain('重试');
  });
});

describe('购物中: live', () => {
  it('follows opening → opened → closed → paid, then stops polling', async () => {
    const states = ['opening', 'opened', 'closed', 'paid'];
    let i = 0;
    const calls = backend(() => doorSession({ state: states[Math.min(i, states.length - 1)], order: i++ >= 3 ? sessionOrder({ wechatFen: 1500 }) : null }));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('正在开门…');
    await page.waitForText('柜门已打开', 5000);
    await page.waitForText('柜门已关闭', 6000);
    await page.waitForText('支付成功', 5000);
    const seen = calls();
    await flush(2000);
    expect(calls()).toBe(seen);
  }, 30_000);

  it('stops polling when the page is unloaded', async () => {
    const calls = backend(() => doorSession({ state: 'opening' }));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('正在开门…');
    page.unmount();
    const seen = calls();
    await flush(2000);
    expect(calls()).toBe(seen);
  });

  it('a poll that fails once keeps the page and tries again', async () => {
    let i = 0;
    backend(() => (i++ === 1 ? new StubFailure(-1, '网络不稳定') : doorSession({ state: i > 2 ? 'closed' : 'opening' })));
    const page = await mountPage(SHOPPING, { query: { sessionId: 'CS0000000001' } });
    await page.waitForText('正在开门…');
    await page.waitForText('柜门已关闭', 10_000);
  }, 20_000);
});
