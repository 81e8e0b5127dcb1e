/**
 * Staff payment pages (stubbed): 支付记录 shows each payment's status and the red 异常 tag,
 * 状态记录 names its sources in Chinese, and managers complete or cancel a Pay Score order.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { clerkSession, managerSession } from '../support/sessions';

const base = {
  paymentId: 'P20261122000000eeeeeeeeeeee',
  orderId: 'order_demo_pay_001',
  orderSource: 'table',
  storeId: 's1',
  method: 'wechat',
  amountFen: 3450000,
  discountFen: 0,
  payableFen: 3450000,
  status: 'paid',
  transactionId: null,
  paidAt: null,
  refundedFen: 0,
  refundCount: 0,
  ticketsSpent: null,
  pointsEarned: null,
  abnormal: null,
  createdAt: '2026-11-22T02:58:00Z',
};

describe('支付记录', () => {
  it('shows each status and the red 异常 tag (not dropped by the arrow), a readable order number and Shanghai time', async () => {
    const items = [
      { ...base },
      {
        ...base,
        paymentId: 'P20261122000000ffffffffffff',
        status: 'closed',
        abnormal: { reason: 'paid_while_closed', reportedFen: 3000, refundedFen: 0, refunding: false },
      },
    ];
    stubFunctions({
      member: { getSession: () => managerSession },
      payment: { listPayments: () => ({ items, total: 2, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/payment/list/index');
    await page.waitForText('已关闭');
    // 已支付 and 异常 are tab labels too: each row's tag adds one more
    const count = (text: string) => page.text().split(text).length - 1;
    expect(count('已支付')).toBe(2);
    expect(count('异常')).toBe(2);
    expect(page.text()).toContain('¥34,500.00');
    expect(page.text()).toContain('微信支付 · 订单 MOPAY001');
    expect(page.text()).not.toContain('order_demo_pay_001');
    expect(page.text()).toContain('2026-11-22 10:58');
  });
});

describe('支付详情 状态记录', () => {
  it('labels event sources in Chinese and never shows raw codes', async () => {
    const events = [
      { type: 'created', from: null, to: 'pending', source: 'diner', at: base.createdAt, details: null },
      { type: 'pay_succeeded', from: 'pending', to: 'paid', source: 'wxpay_notify', at: base.createdAt, details: null },
      { type: 'some_future_event', from: 'paid', to: 'paid', source: 'reconcile', at: base.createdAt, details: null },
    ];
    stubFunctions({ member: { getSession: () => managerSession }, payment: { getPaymentDetail: () => ({ payment: base, refunds: [], events }) } });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('创建支付单');
    expect(page.text()).toContain('顾客');
    expect(page.text()).toContain('微信支付通知');
    expect(page.text()).toContain('对账');
    expect(page.text()).toContain('其他变更');
    for (const raw of ['diner', 'wxpay_notify', 'reconcile', 'some_future_event', 'order_demo_pay_001']) expect(page.text()).not.toContain(raw);
    expect(page.text()).toContain('MOPAY001');
  });
});

describe('支付分订单 完结 / 取消 (managers)', () => {
  const pending = { ...base, method: 'payscore', status: 'pending', amountFen: 3000, payableFen: 3000 };

  it('支付详情 offers it to a manager for a pending Pay Score order, and not to a clerk', async () => {
    stubFunctions({ member: { getSession: () => managerSession }, payment: { getPaymentDetail: () => ({ payment: pending, refunds: [], events: [] }) } });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('完结或取消支付分订单');
    await page.tapText('完结或取消支付分订单');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0].url).toBe(`/admin/pages/payment/payscore/index?paymentId=${base.paymentId}`);

    stubFunctions({ member: { getSession: () => clerkSession }, payment: { getPaymentDetail: () => ({ payment: pending, refunds: [], events: [] }) } });
    const clerk = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: base.paymentId } });
    await clerk.waitForText('微信支付分');
    expect(clerk.text()).not.toContain('完结或取消支付分订单');
  });

  it('completes with the goods taken (validated first), then goes back', async () => {
    const sent: unknown[] = [];
    stubFunctions({
      member: { getSession: () => managerSession },
      payment: {
        getPaymentDetail: () => ({ payment: pending, refunds: [], events: [] }),
        completePayScore: (payload: unknown) => {
          sent.push(payload);
          return { paymentId: base.paymentId, totalFen: 5700, discountFen: 285, payableFen: 5415, state: 'DONE' };
        },
      },
    });
    const page = await mountPage('admin/pages/payment/payscore/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('确认完结并扣款');
    expect(page.text()).toContain('MOPAY001');
    await page.tapText('确认完结并扣款');
    await page.waitForText('第 1 项：请填写商品名称（最多 20 个字）');
    const field = (index: number, name: string, value: string) =>
      page.instance.onLineField({ detail: { value }, currentTarget: { dataset: { index, field: name } } });
    field(0, 'name', '牛肉饭');
    field(0, 'amount', '28.50');
    field(0, 'count', '2');
    await page.waitForText('¥57.00');
    await page.tapText('确认完结并扣款');
    await page.waitForText('已完结，向顾客扣款 ¥54.15（会员优惠 ¥2.85）');
    expect(sent).toEqual([{ paymentId: base.paymentId, postPayments: [{ name: '牛肉饭', amountFen: 2850, count: 2 }] }]);
  });

  it('cancels with a reason; a server refusal shows in Chinese', async () => {
    let refuse = true;
    const sent: unknown[] = [];
    stubFunctions({
      member: { getSession: () => managerSession },
      payment: {
        getPaymentDetail: () => ({ payment: pending, refunds: [], events: [] }),
        cancelPayScore: (payload: unknown) => {
          sent.push(payload);
          if (refuse) {
            refuse = false;
            return new StubFailure(40301, '需要角色: admin/manager');
          }
          return { paymentId: base.paymentId, state: 'REVOKED', status: 'closed' };
        },
      },
    });
    const page = await mountPage('admin/pages/payment/payscore/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('取消订单');
    page.instance.onMode({ detail: { value: 'cancel' } });
    await page.waitForText('确认取消');
    await page.tapText('确认取消');
    await page.waitForText('请填写取消原因（2–50 个字）');
    page.instance.onReason({ detail: { value: '顾客未取货' } });
    await page.tapText('确认取消');
    await page.waitForText('没有权限：此操作仅限管理员或店长');
    await page.tapText('确认取消');
    await page.waitForText('已取消支付分订单，不向顾客扣款');
    expect(sent).toEqual([
      { paymentId: base.paymentId, reason: '顾客未取货' },
      { paymentId: base.paymentId, reason: '顾客未取货' },
    ]);
  });

  it('a clerk is told the order cannot be handled here', async () => {
    stubFunctions({ member: { getSession: () => clerkSession }, payment: { getPaymentDetail: () => ({ payment: pending, refunds: [], events: [] }) } });
    const page = await mountPage('admin/pages/payment/payscore/index', { query: { paymentId: base.paymentId } });
    await page.waitForText('仅店长与管理员可操作待扣款的支付分订单');
    expect(page.text()).not.toContain('确认完结并扣款');
  });
});
