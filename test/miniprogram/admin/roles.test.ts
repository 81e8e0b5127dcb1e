/**
 * Role-aware staff screens (stubbed): each role sees only what it may do (utils/permissions.ts,
 * checked against the contracts by test/miniprogram/roles.test.ts), and an action the server
 * refuses anyway reads as a clear Chinese message, not `需要角色: admin/manager`.
 */
import { mountPage, StubFailure, stubFunctions } from '../support/harness';
import { adminSession, clerkSession, managerSession } from '../support/sessions';

const oneStore = { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 1, page: 1, pageSize: 20, hasMore: false };

describe('工作台 per role', () => {
  it.each([
    ['admin', adminSession, ['收银系统接入', '支付记录', '会员查询']],
    ['manager', managerSession, ['收银系统接入', '支付记录', '会员查询']],
    ['clerk', clerkSession, ['支付记录', '会员查询']],
  ])('%s sees its entries only', async (_role, session, entries) => {
    stubFunctions({ member: { getSession: () => session }, admin: { listMyStores: () => oneStore } });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('一号店');
    for (const entry of ['收银系统接入', '支付记录', '会员查询']) expect(page.text().includes(entry)).toBe(entries.includes(entry));
  });
});

describe('支付详情 per role', () => {
  const payment = {
    paymentId: 'P20261122000000dddddddddddd',
    orderId: 'order_demo_pay_001',
    orderSource: 'table',
    storeId: 's1',
    method: 'wechat',
    amountFen: 5600,
    discountFen: 0,
    payableFen: 5600,
    status: 'paid',
    transactionId: 'wx1',
    paidAt: '2026-11-22T02:01:00Z',
    refundedFen: 0,
    refundCount: 0,
    ticketsSpent: null,
    pointsEarned: 56,
    abnormal: null,
    createdAt: '2026-11-22T02:00:00Z',
  };
  const detail = { payment, refunds: [], events: [] };

  it.each([
    ['admin', true, adminSession],
    ['manager', true, managerSession],
    ['clerk', false, clerkSession],
  ])('%s: 退款 shown = %s', async (_role, shown, session) => {
    stubFunctions({ member: { getSession: () => session }, payment: { getPaymentDetail: () => detail } });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: payment.paymentId } });
    await page.waitForText('微信支付');
    expect(page.text().includes('退款（可退 ¥56.00）')).toBe(shown);
  });

  it('a refusal the server answers anyway names the roles in Chinese', async () => {
    stubFunctions({
      member: { getSession: () => managerSession },
      payment: { getPaymentDetail: () => detail, refund: () => new StubFailure(40301, '需要角色: admin/manager') },
    });
    const page = await mountPage('admin/pages/payment/detail/index', { query: { paymentId: payment.paymentId } });
    await page.waitForText('退款（可退 ¥56.00）');
    await page.tapText('退款（可退 ¥56.00）');
    await page.waitFor(() => page.data.refundVisible, 'the refund dialog');
    page.instance.onRefundReason({ detail: { value: '顾客取消' } });
    await page.instance.onSubmitRefund();
    await page.waitForText('没有权限：此操作仅限管理员或店长，请联系店长或管理员');
    expect(page.text()).not.toContain('需要角色');
  });
});

describe('收银接入详情 per role', () => {
  const integration = {
    _id: 'posint_1',
    name: '前台收银',
    vendor: 'standard',
    storeId: 'rest_123456',
    restaurantId: 'rest_123456',
    apiKey: 'pk_1',
    secretFingerprint: 'ab12',
    previousSecrets: [],
    endpoint: '',
    webhookUrl: '',
    events: [],
    ipWhitelist: [],
    rateLimitPerMinute: 100,
    status: 'active',
    vendorConfig: {},
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt: '2026-11-22T02:00:00Z',
  };
  const stores = { items: [{ _id: 'rest_123456', name: '气候餐厅（示范店）', address: 'A 路' }], total: 1, page: 1, pageSize: 100, hasMore: false };

  it.each([
    ['admin', true, adminSession],
    ['manager', false, managerSession],
  ])('%s: 删除接入 shown = %s; the store is named, not its id', async (_role, shown, session) => {
    stubFunctions({
      member: { getSession: () => session },
      admin: { listMyStores: () => stores },
      'pos-interface': { getIntegration: () => integration, integrationHealth: () => ({ integrations: [] }) },
    });
    const page = await mountPage('admin/pages/pos-interface/integration/index', { query: { integrationId: 'posint_1' } });
    await page.waitForText('pk_1');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).not.toContain('rest_123456');
    expect(page.text().includes('删除接入')).toBe(shown);
    expect(page.text()).toContain('编辑接入');
  });
});
