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

  it('扫码点餐 says 即将上线 in a TDesign toast', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } });
    const page = await mountPage('pages/home/index/index');
    await page.tapText('扫码点餐');
    await page.waitForText('扫码点餐即将上线');
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

describe('订单', () => {
  it('shows the error state while ordering.listMyOrders does not exist', async () => {
    stubFunctions({ member: { getSession: () => dinerSession } }); // ordering not stubbed → 40003
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('未知的 action: listMyOrders');
    expect(page.text()).toContain('加载失败');
    expect(page.text()).toContain('重试');
  });

  it('shows the empty state, and 去首页看看 switches tab', async () => {
    stubFunctions({ ordering: { listMyOrders: () => ({ items: [], total: 0, hasMore: false }) } });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('还没有订单');
    await page.tapText('去首页看看');
    await page.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/home/index/index' });
  });

  it('lists orders with amount, status and time, asking for page 1', async () => {
    const listMyOrders = jest.fn(() => ({
      items: [{ _id: 'o1', storeName: '气候餐厅（示范店）', status: 'paid', statusText: '已支付', totalAmount: 3800, createdAt: '2025-01-31T10:05:00.000Z' }],
      total: 1,
      hasMore: false,
    }));
    stubFunctions({ ordering: { listMyOrders } });
    const page = await mountPage('pages/order/list/index');
    await page.waitForText('¥38.00');
    expect(page.text()).toContain('已支付');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).toMatch(/2025-01-31 \d\d:05/);
    expect(listMyOrders).toHaveBeenCalledWith({ page: 1, pageSize: 20 }, expect.anything());
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
