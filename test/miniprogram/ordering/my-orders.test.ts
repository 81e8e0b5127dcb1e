/**
 * Pages with the transport boundary stubbed (cloud mode, wx.cloud.callFunction answered by
 * stubFunctions): states and navigation that the live tests do not reach.
 */
import { mountComponent, mountPage, StubFailure, stubFunctions, useEmulatorBridge, wxMock } from './support/harness';

const dinerSession = { openid: 'o-diner', role: 'diner', isStaff: false, member: { nickname: '小明', levelName: '绿叶会员', points: 120 } };
const adminSession = { openid: 'o-admin', role: 'admin', isStaff: true, staff: { name: '王店长', role: 'admin', storeIds: ['s1'] }, member: null };

describe('首页', () => {
  it('greets a diner without a member profile', async () => {
    stubFunctions({ member: { getSession: () => ({ ...dinerSession, member: null }) } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('尚未加入会员');
    expect(page.text()).toContain('你好，欢迎光临');
  });

  it('shows an error with 重试 when the session cannot load, and recovers', async () => {
    let calls = 0;
    stubFunctions({ member: { getSession: () => (++calls === 1 ? new StubFailure(50001, '服务内部错误') : dinerSession) } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('会员信息加载失败');
    expect(page.text()).toContain('服务内部错误');
    await page.tapText('重试');
    await page.waitForText('你好，小明');
    expect(calls).toBe(2);
  });

  it('扫码点餐 (no page yet) says 即将上线 in a TDesign toast', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.tapText('扫码点餐');
    await page.waitForText('扫码点餐即将上线');
    expect(wxMock().callsOf('navigateTo')).toEqual([]);
  });

  it('the 会员中心 entry and the member card open the member center page', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.waitForText('你好，小明');
    await page.tapText('会员中心');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    await page.tapText('你好，小明');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([
      expect.objectContaining({ url: '/pages/member/center/index' }),
      expect.objectContaining({ url: '/pages/member/center/index' }),
    ]);
    expect(page.text()).not.toContain('即将上线');
  });
});

describe('我的', () => {
  it('hides the staff entry from diners', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('绿叶会员 · 120 积分');
    expect(page.text()).toContain('小明');
    expect(page.text()).not.toContain('员工工作台');
    expect(page.text()).not.toContain('开发设置'); // cloud mode
  });

  it('会员中心 and 积分明细 open their pages (no 即将上线)', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('绿叶会员 · 120 积分');
    await page.tapText('会员中心');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    await page.tapText('积分明细');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([
      expect.objectContaining({ url: '/pages/member/center/index' }),
      expect.objectContaining({ url: '/pages/member/points-log/index' }),
    ]);
    expect(page.text()).not.toContain('即将上线');
  });

  it('shows staff the 员工工作台 entry, which opens the admin subpackage', async () => {
    stubFunctions({ member: { getSession: () => adminSession } });
    const page = await mountPage('pages/mine/index/index');
    await page.waitForText('员工工作台');
    expect(page.text()).toContain('管理员');
    expect(page.text()).toContain('王店长 · 管理 全部 家门店');
    await page.tapText('员工工作台');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/admin/pages/workbench/index' });
  });

  it('in local mode offers 开发设置 with the current test user', async () => {
    const config = useEmulatorBridge('http://127.0.0.1:1');
    wxMock().handlers.request = () => ({ statusCode: 200, data: { result: { code: 0, message: 'ok', data: dinerSession } } });
    const page = await mountPage('pages/mine/index/index', { config });
    await page.waitForText('当前测试用户：示范顾客');
    await page.tapText('开发设置');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/dev/settings/index' });
  });
});

const order = (fields: Record<string, unknown> = {}) => ({
  _id: 'o1',
  storeId: 's1',
  storeName: '气候餐厅（示范店）',
  title: '气候餐厅-示范订单',
  status: 'paid',
  statusText: '已支付',
  payable: false,
  totalFen: 4000,
  paidFen: 3800,
  refundedFen: 0,
  itemCount: 2,
  createdAt: '2025-01-31T10:05:00.000Z',
  createdAtText: '2025-01-31 18:05',
  ...fields,
});

describe('订单', () => {
  it('shows the error state with 重试 when the function fails, and recovers', async () => {
    let calls = 0;
    stubFunctions({
      ordering: { listMyOrders: () => (++calls === 1 ? new StubFailure(50001, '服务内部错误') : { items: [order()], total: 1, hasMore: false }) },
    });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('服务内部错误');
    expect(page.text()).toContain('加载失败');
    await page.tapText('重试');
    await page.waitForText('气候餐厅-示范订单');
  });

  it('shows the empty state, and 去首页看看 switches tab', async () => {
    stubFunctions({ ordering: { listMyOrders: () => ({ items: [], total: 0, hasMore: false }) } });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('还没有订单');
    await page.tapText('去首页看看');
    await page.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/home/index/index' });
  });

  it('lists orders with store, paid amount, status and Shanghai time, asking for page 1', async () => {
    const listMyOrders = jest.fn(() => ({ items: [order()], total: 1, hasMore: false }));
    stubFunctions({ ordering: { listMyOrders } });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('¥38.00');
    expect(page.text()).toContain('已支付');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).toContain('2025-01-31 18:05 · 共 2 件');
    expect(page.text()).not.toContain('去支付'); // paid
    expect(listMyOrders).toHaveBeenCalledWith({ page: 1, pageSize: 20 }, expect.anything());
  });

  it('a tap on a row opens the detail; 去支付 opens checkout without also opening the detail', async () => {
    stubFunctions({
      ordering: {
        listMyOrders: () => ({
          items: [order({ _id: 'o-unpaid', title: '待付订单', status: 'pending', statusText: '待支付', payable: true, paidFen: null }), order()],
          total: 2,
          hasMore: false,
        }),
      },
    });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('待付订单');
    expect(page.text()).toContain('¥40.00'); // unpaid: the order total
    await page.tapText('去支付');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([expect.objectContaining({ url: '/pages/payment/checkout/index?orderId=o-unpaid' })]);

    await page.tapText('待付订单');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')[1]).toMatchObject({ url: '/pages/order/detail/index?orderId=o-unpaid' });
    await page.tapText('¥38.00');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 3, 'third navigateTo');
    expect(wxMock().callsOf('navigateTo')[2]).toMatchObject({ url: '/pages/order/detail/index?orderId=o1' });
  });

  it('loads more at the bottom without repeating an order that shifted pages', async () => {
    const listMyOrders = jest.fn(({ page }: { page: number }) =>
      page === 1
        ? { items: [order({ _id: 'a', title: '订单A' }), order({ _id: 'b', title: '订单B' })], total: 3, page: 1, pageSize: 20, hasMore: true }
        : { items: [order({ _id: 'b', title: '订单B' }), order({ _id: 'c', title: '订单C' })], total: 4, page: 2, pageSize: 20, hasMore: false },
    );
    stubFunctions({ ordering: { listMyOrders } });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('订单B');
    page.instance.onReachBottom();
    await page.waitForText('订单C');
    expect(page.data.orders.map((row: { _id: string }) => row._id)).toEqual(['a', 'b', 'c']);
    expect(page.text()).toContain('没有更多了');
  });
});

describe('订单详情', () => {
  const detail = (fields: Record<string, unknown> = {}) => ({
    ...order({ status: 'pending', statusText: '待支付', payable: true, paidFen: null }),
    source: 'table',
    sourceText: '扫码点餐',
    items: [
      { name: '素麻婆豆腐', qty: 1, priceFen: 3800, subtotalFen: 3800 },
      { name: '米饭', qty: 2, priceFen: 100, subtotalFen: 200 },
    ],
    paymentId: null,
    paymentMethod: null,
    paymentMethodText: '',
    paidAt: null,
    paidAtText: '',
    ...fields,
  });

  it('shows the order and its items; an unpaid order offers 去支付 to checkout', async () => {
    const getMyOrder = jest.fn(() => detail());
    stubFunctions({ ordering: { getMyOrder }, payment: { getPayment: () => ({ payment: null, refunds: [], orderStatus: 'pending' }) } });
    const page = await mountPage('pages/order/detail/index', { query: { orderId: 'o1' } });
    await page.waitForText('素麻婆豆腐');
    const text = page.text();
    for (const shown of ['气候餐厅（示范店）', '气候餐厅-示范订单', '待支付', '2025-01-31 18:05', '扫码点餐', '× 2', '¥2.00', '合计', '¥40.00', '未支付']) {
      expect(text).toContain(shown);
    }
    expect(getMyOrder).toHaveBeenCalledWith({ orderId: 'o1' }, expect.anything());
    await page.tapText('去支付');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/pages/payment/checkout/index?orderId=o1' });
  });

  it('shows someone else’s (or a missing) order as an error with the backend’s message', async () => {
    stubFunctions({
      ordering: { getMyOrder: () => new StubFailure(40480, '订单不存在') },
      payment: { getPayment: () => ({ payment: null, refunds: [], orderStatus: 'pending' }) },
    });
    const page = await mountPage('pages/order/detail/index', { query: { orderId: 'o-other' } });
    await page.waitForText('订单加载失败');
    expect(page.text()).toContain('订单不存在');
    expect(page.text()).not.toContain('去支付');
  });

  it('explains a missing orderId without calling the backend', async () => {
    const page = await mountPage('pages/order/detail/index');
    await page.waitForText('缺少订单号');
    expect(
      wxMock()
        .callsOf('cloud.callFunction')
        .filter((c) => c.name !== 'member'),
    ).toEqual([]);
  });
});

describe('扫一扫', () => {
  it('routes a table code to 扫码点餐 (即将上线)', async () => {
    wxMock().handlers.scanCode = () => ({ result: 'https://example.com/q?type=table&storeId=rest_123456&tableId=A01', scanType: 'QR_CODE' });
    const page = await mountPage('pages/scan/index/index');
    await page.tapText('扫一扫');
    await page.waitForText('扫码点餐即将上线');
    expect(wxMock().callsOf('scanCode')).toHaveLength(1);
  });

  it('switches to a tab page carried by a 小程序码', async () => {
    wxMock().handlers.scanCode = () => ({ result: '', path: 'pages/order/list/index', scanType: 'WX_CODE' });
    const page = await mountPage('pages/scan/index/index');
    await page.tapText('扫一扫');
    await page.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/order/list/index' });
  });

  it('says nothing when the diner cancels, and names unreadable codes', async () => {
    const page = await mountPage('pages/scan/index/index'); // default handler: cancel
    await page.tapText('扫一扫');
    await page.waitFor(() => page.data.scanning === false && wxMock().callsOf('scanCode').length === 1, 'scan finished');
    expect(page.text()).not.toContain('扫码失败');
    wxMock().handlers.scanCode = () => ({ result: 'hello', scanType: 'QR_CODE' });
    await page.tapText('扫一扫');
    await page.waitForText('无法识别该二维码');
  });
});

describe('开发设置', () => {
  it('is only for local mode', async () => {
    const page = await mountPage('pages/dev/settings/index');
    expect(page.text()).toContain('仅本地模式可用');
  });

  it('switches the test user, stores it and reloads the session as that user', async () => {
    const config = useEmulatorBridge('http://127.0.0.1:1');
    wxMock().handlers.request = (options: { header: Record<string, string> }) => {
      const admin = options.header['x-wx-openid'] === 'demo-admin-openid';
      return { statusCode: 200, data: { result: { code: 0, message: 'ok', data: admin ? adminSession : dinerSession } } };
    };
    const page = await mountPage('pages/dev/settings/index', { config });
    await page.waitForText('顾客');
    expect(page.text()).toContain('demo-diner-openid');
    await page.tapText('示范管理员');
    await page.waitForText('管理员（员工）');
    await page.waitForText('已切换为示范管理员');
    expect(wxMock().storage.get('dev.identity')).toMatchObject({ openid: 'demo-admin-openid' });
    expect(wxMock().callsOf('request').at(-1).header['x-wx-openid']).toBe('demo-admin-openid');
  });
});

describe('工作台', () => {
  it('offers 收银系统接入, 支付记录 and 会员查询', async () => {
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: { listMyStores: () => ({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('暂无可管理的门店');
    for (const entry of ['收银系统接入', '支付记录', '会员查询']) {
      await page.tapText(entry);
    }
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 3, 'three navigateTo');
    expect(
      wxMock()
        .callsOf('navigateTo')
        .map((c) => c.url),
    ).toEqual(['/admin/pages/pos/integrations/index', '/admin/pages/payments/list/index', '/admin/pages/members/lookup/index']);
  });

  it('shows the empty state for staff without stores', async () => {
    stubFunctions({
      member: { getSession: () => ({ ...adminSession, role: 'clerk', staff: { name: '小李', role: 'clerk', storeIds: [] } }) },
      admin: { listMyStores: () => ({ items: [], total: 0, page: 1, pageSize: 20, hasMore: false }) },
    });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('暂无可管理的门店');
    expect(page.text()).toContain('店员');
  });

  it('loads the next page at the bottom', async () => {
    const listMyStores = jest.fn(({ page }: { page: number }) =>
      page === 1
        ? { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 2, page: 1, pageSize: 20, hasMore: true }
        : { items: [{ _id: 's2', name: '二号店', address: 'B 路' }], total: 2, page: 2, pageSize: 20, hasMore: false },
    );
    stubFunctions({ member: { getSession: () => adminSession }, admin: { listMyStores } });
    const page = await mountPage('admin/pages/workbench/index');
    await page.waitForText('一号店');
    page.instance.onReachBottom();
    await page.waitForText('二号店');
    expect(page.text()).toContain('没有更多了');
    expect(listMyStores).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 }, expect.anything());
  });
});

describe('门店详情', () => {
  it('explains a missing storeId without calling the backend', async () => {
    const page = await mountPage('admin/pages/store/index');
    expect(page.text()).toContain('缺少门店参数');
    expect(
      wxMock()
        .callsOf('cloud.callFunction')
        .filter((c) => c.data.action === 'getStore'),
    ).toEqual([]);
  });
});

describe('shared components', () => {
  it('custom tab bar switches tabs', async () => {
    const bar = await mountComponent('custom-tab-bar/index');
    expect(bar.text()).toBe('首页扫一扫订单我的');
    await bar.tapText('订单');
    await bar.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/order/list/index' });
  });

  it('page-state renders loading / empty / error and emits retry', async () => {
    const state = await mountComponent('components/page-state/index', { status: 'error', errorText: '网络不好' });
    expect(state.text()).toContain('加载失败');
    expect(state.text()).toContain('网络不好');
    const retry = jest.fn();
    state.component.addEventListener('retry', retry);
    await state.tapText('重试');
    await state.waitFor(() => retry.mock.calls.length === 1, 'retry event');
    state.component.setData({ status: 'empty', emptyText: '空空如也' });
    expect(state.text()).toContain('空空如也');
    state.component.setData({ status: 'loading' });
    expect(state.text()).toContain('加载中…');
  });
});
