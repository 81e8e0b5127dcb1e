/**
 * Every time on a page is Asia/Shanghai whatever zone the phone is set to: with the device in
 * New York, 下单时间 (formatted by the ordering function) and 支付时间 (formatted on the phone)
 * still agree. The jest worker's zone cannot be changed once it runs (V8 caches it), so the
 * device zone is simulated: Date's local-time getters answer as a phone set to New York (UTC−5
 * in November) would.
 */
import { mountPage, stubFunctions } from '../support/harness';

const order = {
  _id: 'order_demo_pay_001',
  storeId: 's1',
  storeName: '气候餐厅（示范店）',
  title: '气候餐厅（示范店）',
  status: 'paid',
  statusText: '已支付',
  payable: false,
  totalFen: 3450000,
  paidFen: 3450000,
  refundedFen: 0,
  itemCount: 1,
  createdAt: '2026-11-22T02:58:00.000Z',
  createdAtText: '2026-11-22 10:58',
  source: 'table',
  sourceText: '扫码点餐',
  items: [{ name: '牛肉饭', qty: 1, priceFen: 3450000, subtotalFen: 3450000 }],
  paymentId: 'P20261122105800aaaaaaaaaaaa',
  paymentMethod: 'wechat',
  paymentMethodText: '微信支付',
  paidAt: '2026-11-22T02:59:00.000Z',
  paidAtText: '2026-11-22 10:59',
};
const payment = {
  paymentId: 'P20261122105800aaaaaaaaaaaa',
  orderId: order._id,
  orderSource: 'table',
  storeId: 's1',
  method: 'wechat',
  amountFen: 3450000,
  discountFen: 0,
  payableFen: 3450000,
  status: 'paid',
  transactionId: 'wx1',
  paidAt: '2026-11-22T02:59:00.000Z',
  refundedFen: 0,
  refundCount: 0,
  ticketsSpent: null,
  pointsEarned: 34500,
  abnormal: null,
  createdAt: '2026-11-22T02:58:00.000Z',
};

const NEW_YORK_OFFSET_MIN = 300;
const LOCAL_GETTERS = ['getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds'] as const;
const saved = new Map<string, unknown>();
beforeAll(() => {
  const proto = Date.prototype as unknown as Record<string, (this: Date) => number>;
  for (const name of LOCAL_GETTERS) {
    saved.set(name, proto[name]);
    const utc = proto[name.replace('get', 'getUTC')];
    proto[name] = function (this: Date) {
      return utc.call(new Date(this.getTime() - NEW_YORK_OFFSET_MIN * 60_000));
    };
  }
  saved.set('getTimezoneOffset', proto.getTimezoneOffset);
  proto.getTimezoneOffset = () => NEW_YORK_OFFSET_MIN;
});
afterAll(() => {
  const proto = Date.prototype as unknown as Record<string, unknown>;
  for (const [name, fn] of saved) proto[name] = fn;
});

describe('订单详情 on a phone set to New York', () => {
  it('the device zone really is New York here', () => {
    expect(new Date('2026-11-22T02:58:00.000Z').getHours()).toBe(21);
  });

  it('shows 下单时间 and 支付时间 in Shanghai time, a readable order number and the store name', async () => {
    stubFunctions({ ordering: { getMyOrder: () => order }, payment: { getPayment: () => ({ payment, refunds: [] }) } });
    const page = await mountPage('pages/ordering/detail/index', { query: { orderId: order._id } });
    await page.waitForText('支付时间');
    expect(page.text()).toContain('下单时间2026-11-22 10:58');
    expect(page.text()).toContain('支付时间2026-11-22 10:59');
    expect(page.text()).toContain('订单号MOPAY001');
    expect(page.text()).toContain('气候餐厅（示范店）');
    expect(page.text()).not.toContain('order_demo_pay_001');
    expect(page.text()).toContain('¥34,500.00');
  });

  it('订单 lists it at the Shanghai time', async () => {
    stubFunctions({ ordering: { listMyOrders: () => ({ items: [order], total: 1, hasMore: false }) } });
    const page = await mountPage('pages/ordering/list/index');
    await page.waitForText('2026-11-22 10:58');
  });
});
