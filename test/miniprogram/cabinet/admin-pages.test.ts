/**
 * Staff cabinet pages (admin subpackage) with the backend stubbed at the transport: 设备详情
 * (status, heartbeat, alarms, 小程序码, bind, 开门补货; by role), 人工处理 and 智能柜订单.
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { adminSession, clerkSession } from '../support/sessions';

const DEVICE = 'admin/pages/cabinet/device/index';
// a 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function deviceDetail(overrides: Record<string, unknown> = {}) {
  return {
    deviceCode: 'XM-T-0001',
    name: '一号柜',
    vendor: 'xiaomai',
    storeId: 's1',
    storeName: '气候餐厅（示范店）',
    status: 'online',
    statusText: '在线',
    online: true,
    lastHeartbeatAt: '2026-12-04T02:00:00.000Z',
    openAlarmCount: 1,
    bindStatus: 'bound',
    bindStatusText: '已绑定',
    recentAlarms: [
      {
        alarmId: 'a1',
        kind: 'temperature',
        kindText: '温度异常',
        category: 'maintenance',
        message: '柜内温度 12℃',
        occurredAt: '2026-12-04T01:30:00.000Z',
        resolved: false,
      },
      {
        alarmId: 'a2',
        kind: 'shopping_timeout',
        kindText: '购物超时',
        category: 'operational',
        message: '开门超过 5 分钟',
        occurredAt: '2026-12-04T01:00:00.000Z',
        resolved: true,
      },
    ],
    currentSession: null,
    ...overrides,
  };
}

const stores = {
  items: [
    { _id: 's1', name: '气候餐厅（示范店）', address: '' },
    { _id: 's2', name: '二号店', address: '' },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
  hasMore: false,
};

function backend(session: unknown, cabinet: Record<string, (payload: any) => unknown> = {}) {
  stubFunctions({
    member: { getSession: () => session },
    admin: { listMyStores: () => stores },
    cabinet: {
      getDevice: () => deviceDetail(),
      getDeviceQrCode: () => ({ deviceCode: 'XM-T-0001', scene: 'd=XM-T-0001', page: 'cabinet/pages/open/index', contentType: 'image/png', imageBase64: PNG }),
      ...cabinet,
    },
  });
}

describe('设备详情', () => {
  it('shows the status, last heartbeat (Shanghai time), recent alarms and the 小程序码', async () => {
    backend(adminSession);
    const page = await mountPage(DEVICE, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('一号柜');
    for (const text of ['在线', '已绑定', '2026-12-04 10:00', '温度异常', '柜内温度 12℃', '购物超时（已恢复）', '气候餐厅（示范店）'])
      expect(page.text()).toContain(text);
    await page.waitFor(() => !!page.data.qrSrc, 'the QR image');
    expect(page.data.qrSrc).toBe(`data:image/png;base64,${PNG}`);
  });

  it('binds the device to another store (managers)', async () => {
    const binds: unknown[] = [];
    let storeName = '气候餐厅（示范店）';
    backend(adminSession, {
      getDevice: () => deviceDetail({ storeName }),
      bindDevice: (payload) => {
        binds.push(payload);
        storeName = '二号店';
        return deviceDetail({ storeId: 's2', storeName });
      },
    });
    const page = await mountPage(DEVICE, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('绑定门店');
    await page.waitFor(() => page.data.stores.length === 2, 'stores');
    await page.tapText('二号店');
    await page.waitFor(() => page.data.bindStoreId === 's2', 'store chosen');
    await page.tapText('绑定到所选门店');
    await page.waitForText('已绑定门店');
    expect(binds).toEqual([{ deviceCode: 'XM-T-0001', storeId: 's2' }]);
    expect(page.data.storeName).toBe('二号店');
  });

  it('clerks do not see the binding, but may open for restocking (asked first)', async () => {
    const opens: Record<string, unknown>[] = [];
    backend(clerkSession, {
      openForRestock: (payload) => {
        opens.push(payload);
        return { sessionId: 'CS0000000007', state: 'opening', stateText: '正在开门', purpose: 'restock' };
      },
    });
    const page = await mountPage(DEVICE, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('开门补货');
    expect(page.text()).not.toContain('绑定到所选门店');
    await page.tapText('开门补货');
    await page.waitFor(() => page.data.confirmRestock === true, 'the confirmation');
    await page.instance.onRestock();
    await page.waitForText('补货开门：正在开门');
    expect(opens[0]).toMatchObject({ deviceCode: 'XM-T-0001', requestId: expect.stringMatching(/^restock-/) });
  });

  it('a QR failure leaves the rest of the page', async () => {
    backend(adminSession, { getDeviceQrCode: () => new StubFailure(50292, '小程序码生成失败') });
    const page = await mountPage(DEVICE, { query: { deviceCode: 'XM-T-0001' } });
    await page.waitForText('小程序码暂不可用：小程序码生成失败');
    expect(page.text()).toContain('温度异常');
  });

  it('an unknown device: not found, no 重试', async () => {
    backend(adminSession, { getDevice: () => new StubFailure(40490, '设备不存在') });
    const page = await mountPage(DEVICE, { query: { deviceCode: 'XM-NOPE' } });
    await page.waitForText('设备不存在');
  });
});

describe('人工处理', () => {
  const task = (overrides: Record<string, unknown> = {}) => ({
    taskId: 't1',
    kind: 'amount_review',
    kindText: '金额超限',
    status: 'open',
    statusText: '待处理',
    storeId: 's1',
    deviceCode: 'XM-T-0001',
    sessionId: 'CS0000000001',
    orderId: 'order_c9',
    vendorOrderNo: 'XM-O-9',
    reason: '订单金额 ¥800.00 超过门店上限 ¥500.00',
    attempts: 0,
    createdAt: '2026-12-04T02:00:00.000Z',
    updatedAt: '2026-12-04T02:00:00.000Z',
    closedReason: null,
    closedBy: null,
    ...overrides,
  });

  it('lists open tasks with the reason; managers close one with a reason', async () => {
    const closes: unknown[] = [];
    let closed = false;
    stubFunctions({
      member: { getSession: () => adminSession },
      cabinet: {
        listManualTasks: () => ({ items: closed ? [] : [task()], total: closed ? 0 : 1, page: 1, pageSize: 20, hasMore: false }),
        closeManualTask: (payload) => {
          closes.push(payload);
          closed = true;
          return task({ status: 'closed', statusText: '已关闭' });
        },
      },
    });
    const page = await mountPage('admin/pages/cabinet/manual/index');
    await page.waitForText('订单金额 ¥800.00 超过门店上限 ¥500.00');
    expect(page.text()).toContain('已尝试 0 次');
    await page.waitFor(() => page.data.canHandle === true, 'role loaded');
    await page.tapText('关闭并填写原因');
    await page.waitFor(() => page.data.closingTaskId === 't1', 'dialog');
    await page.instance.onConfirmClose();
    expect(page.data.closeError).toBe('请填写原因（2–80 字）');
    page.instance.onCloseReasonInput({ detail: { value: '顾客确认只拿了一件' } });
    await page.instance.onConfirmClose();
    await page.waitForText('没有需要人工处理的任务');
    expect(closes).toEqual([{ taskId: 't1', reason: '顾客确认只拿了一件' }]);
  });

  it('clerks see the queue without the buttons', async () => {
    stubFunctions({
      member: { getSession: () => clerkSession },
      cabinet: {
        listManualTasks: () => ({
          items: [task({ kind: 'vendor_call', kindText: '厂商调用失败', reason: '小麦接口 502', attempts: 3 })],
          total: 1,
          page: 1,
          pageSize: 20,
          hasMore: false,
        }),
      },
    });
    const page = await mountPage('admin/pages/cabinet/manual/index');
    await page.waitForText('小麦接口 502');
    expect(page.text()).toContain('厂商调用失败');
    expect(page.text()).not.toContain('立即重试');
  });
});

describe('智能柜订单', () => {
  it('lists orders with the state and type and filters by state', async () => {
    const filters: Record<string, unknown>[] = [];
    const order = {
      orderId: 'order_c1',
      orderNumber: 'CAB00001',
      vendorOrderNo: 'XM-O-1',
      deviceCode: 'XM-T-0001',
      storeId: 's1',
      storeName: '气候餐厅（示范店）',
      userPhone: '138****0000',
      totalFen: 1500,
      split: { paymentType: 'tickets_wechat', paymentTypeText: '礼票 + 微信支付', wechatFen: 500, ticketFen: 1000, ticketsSpent: 5000, dueFen: 0 },
      orderStatus: 'paid',
      orderStatusText: '已支付',
      state: 'paid',
      stateText: '已支付',
      orderType: 'supplement',
      orderTypeText: '补扣',
      relatedOrderId: 'order_c0',
      orderedAt: '2026-12-04T02:00:00.000Z',
      paidAt: '2026-12-04T02:01:00.000Z',
    };
    stubFunctions({
      member: { getSession: () => adminSession },
      admin: { listMyStores: () => stores },
      cabinet: {
        listCabinetOrders: (payload) => {
          filters.push(payload);
          return { items: [order], total: 1, page: 1, pageSize: 20, hasMore: false };
        },
      },
    });
    const page = await mountPage('admin/pages/cabinet/orders/index');
    await page.waitForText('CAB00001 · XM-T-0001');
    for (const text of ['¥15.00', '补扣', '已支付', '138****0000', '礼票 + 微信支付']) expect(page.text()).toContain(text);
    page.instance.onTabChange({ detail: { value: 'review' } });
    await page.waitFor(() => filters.length === 2, 'second query');
    expect(filters[1]).toEqual({ page: 1, pageSize: 20, state: 'review' });
    await page.tapText('CAB00001 · XM-T-0001');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/admin/pages/cabinet/order/index?orderId=order_c1' });
  });
});

describe('编辑商品', () => {
  it('checks the fields beside them, then saves price in fen', async () => {
    const saved: Record<string, unknown>[] = [];
    stubFunctions({
      member: { getSession: () => adminSession },
      cabinet: {
        saveProduct: (payload) => {
          saved.push(payload);
          return { ...payload, productId: 's1:COLA', statusText: '在售', updatedAt: '2026-12-04T02:00:00.000Z' };
        },
      },
    });
    const page = await mountPage('admin/pages/cabinet/product/index', { query: { storeId: 's1' } });
    await page.waitForText('保存');
    await page.tapText('保存');
    await page.waitFor(() => Object.keys(page.data.errors).length > 0, 'field errors');
    expect(page.text()).toContain('SKU 只能包含字母、数字、_ . -，最多 40 位');
    expect(page.text()).toContain('请填写价格');
    for (const [field, value] of Object.entries({ sku: 'COLA-330', name: '可乐 330ml', price: '3.5', barcode: '6901234567890' }))
      page.instance.onInput({ detail: { value }, currentTarget: { dataset: { field } } });
    await page.tapText('保存');
    await page.waitFor(() => saved.length === 1, 'saved');
    expect(saved[0]).toEqual({
      storeId: 's1',
      sku: 'COLA-330',
      name: '可乐 330ml',
      priceFen: 350,
      barcode: '6901234567890',
      imageUrl: null,
      status: 'on_sale',
    });
    await page.waitForText('已保存');
  });
});
