/**
 * 订单 and 订单详情 (the diner's own orders) with the transport boundary stubbed (cloud mode,
 * wx.cloud.callFunction answered by stubFunctions): states and navigation that the live tests do not reach.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';

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
    const page = await mountPage('pages/ordering/list/index');
    await page.waitForText('服务内部错误');
    expect(page.text()).toContain('加载失败');
    await page.tapText('重试');
    await page.waitForText('气候餐厅-示范订单');
  });

  it('shows the empty state, and 去首页看看 switches tab', async () => {
    stubFunctions({ ordering: { listMyOrders: () => ({ items: [], total: 0, hasMore: false }) } });
    const page = await mountPage('pages/ordering/list/index');
    await page.waitForText('还没有订单');
    await page.tapText('去首页看看');
    await page.waitFor(() => wxMock().callsOf('switchTab').length === 1, 'switchTab');
    expect(wxMock().callsOf('switchTab')[0]).toMatchObject({ url: '/pages/home/index/index' });
  });

  it('lists orders with store, paid amount, status and Shanghai time, asking for page 1', async () => {
    const listMyOrders = jest.fn(() => ({ items: [order()], total: 1, hasMore: false }));
    stubFunctions({ ordering: { listMyOrders } });
    const page = await mountPage('pages/ordering/list/index');
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
    const page = await mountPage('pages/ordering/list/index');
    await page.waitForText('待付订单');
    expect(page.text()).toContain('¥40.00'); // unpaid: the order total
    await page.tapText('去支付');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')).toEqual([expect.objectContaining({ url: '/pages/payment/checkout/index?orderId=o-unpaid' })]);

    await page.tapText('待付订单');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 2, 'second navigateTo');
    expect(wxMock().callsOf('navigateTo')[1]).toMatchObject({ url: '/pages/ordering/detail/index?orderId=o-unpaid' });
    await page.tapText('¥38.00');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 3, 'third navigateTo');
    expect(wxMock().callsOf('navigateTo')[2]).toMatchObject({ url: '/pages/ordering/detail/index?orderId=o1' });
  });

  it('loads more at the bottom without repeating an order that shifted pages', async () => {
    const listMyOrders = jest.fn(({ page }: { page: number }) =>
      page === 1
        ? { items: [order({ _id: 'a', title: '订单A' }), order({ _id: 'b', title: '订单B' })], total: 3, page: 1, pageSize: 20, hasMore: true }
        : { items: [order({ _id: 'b', title: '订单B' }), order({ _id: 'c', title: '订单C' })], total: 4, page: 2, pageSize: 20, hasMore: false },
    );
    stubFunctions({ ordering: { listMyOrders } });
    const page = await mountPage('pages/ordering/list/index');
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
    const page = await mountPage('pages/ordering/detail/index', { query: { orderId: 'o1' } });
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
    const page = await mountPage('pages/ordering/detail/index', { query: { orderId: 'o-other' } });
    await page.waitForText('订单加载失败');
    expect(page.text()).toContain('订单不存在');
    expect(page.text()).not.toContain('去支付');
  });

  it('explains a missing orderId without calling the backend', async () => {
    const page = await mountPage('pages/ordering/detail/index');
    await page.waitForText('缺少订单号');
    expect(
      wxMock()
        .callsOf('cloud.callFunction')
        .filter((c) => c.name !== 'member'),
    ).toEqual([]);
  });
});
