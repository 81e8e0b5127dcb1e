import { Collections } from '../../cloudfunctions/shared/collections';
import { localFunctionEnv } from '../../emulator/local-config';
import { DEMO } from '../../emulator/seed/demo-data';
import { createCollections, seedDemoData } from '../../emulator/seed/seed';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator';
import type { ListMyOrdersResult, MyOrderDetail } from '../../typings/api/ordering';

interface Reply<T> {
  code: number;
  message: string;
  data: T | null;
  details?: { field?: string; issues?: { path: string; message: string }[] };
}

const MANY = 'orders-many-openid';
const OTHER = 'orders-other-openid';

/** order n of MANY is created n minutes after 2026-01-08 04:00 UTC (12:00 Shanghai) */
const manyOrder = (n: number) => ({
  _id: `order_many_${String(n).padStart(3, '0')}`,
  storeId: n % 2 ? DEMO.storeId : 'store_two',
  openid: MANY,
  source: 'table',
  items: [{ name: '番茄炒蛋', qty: 1, priceFen: 100 * n }],
  totalFen: 100 * n,
  status: 'pending',
  createdAt: new Date(Date.UTC(2026, 0, 8, 4, n)),
  updatedAt: new Date(Date.UTC(2026, 0, 8, 4, n)),
});

/** ordering.listMyOrders / ordering.getMyOrder through the real bundle and the emulator's bridge. */
describe('ordering diner actions', () => {
  let emulator: TestEmulator;
  const list = (openid: string | undefined, input: Record<string, unknown> = {}) =>
    emulator.call<Reply<ListMyOrdersResult>>('ordering', { action: 'listMyOrders', ...input }, openid);
  const get = (openid: string | undefined, orderId: unknown) => emulator.call<Reply<MyOrderDetail>>('ordering', { action: 'getMyOrder', orderId }, openid);

  beforeAll(async () => {
    emulator = await startTestEmulator();
    createCollections(emulator.db);
    // the same demo data `npm start` writes: the demo diner's pending order and the store
    seedDemoData(emulator.db, emulator.dataDir, localFunctionEnv(emulator.dataDir));
    emulator.db.insertRaw(Collections.stores, [{ _id: 'store_two', name: '二号店', status: 'active' }]);
    emulator.db.insertRaw(Collections.orders, [
      ...Array.from({ length: 25 }, (_, i) => manyOrder(i + 1)),
      // what the payment function leaves on an order it settled and partly refunded
      {
        _id: 'order_other_paid',
        storeId: 'store_gone',
        openid: OTHER,
        source: 'cabinet',
        title: '智能柜取餐',
        items: [{ itemName: '沙拉', quantity: 2, priceFen: 1500 }],
        totalFen: 3000,
        status: 'paid',
        paymentId: 'P20260101000000abcdefabcdef',
        paymentMethod: 'wechat',
        paidFen: 2850,
        paidAt: new Date('2026-01-09T02:01:00Z'),
        refundStatus: 'partially_refunded',
        refundedFen: 1000,
        createdAt: new Date('2026-01-09T02:00:00Z'),
      },
    ]);
  });
  afterAll(() => emulator.stop());

  it('lists the demo diner’s demo order with store name, Chinese status, fen and time', async () => {
    const reply = await list(DEMO.dinerOpenid);
    expect(reply).toMatchObject({ code: 0, data: { total: 1, page: 1, pageSize: 20, hasMore: false } });
    expect(reply.data!.items).toEqual([
      {
        _id: 'order_demo_pay_001',
        storeId: DEMO.storeId,
        storeName: DEMO.storeName,
        title: '气候餐厅-示范订单',
        status: 'pending',
        statusText: '待支付',
        payable: true,
        totalFen: 6900,
        paidFen: null,
        refundedFen: 0,
        itemCount: 3,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        createdAtText: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      },
    ]);
  });

  it('pages newest first with total and hasMore, to the last partial page', async () => {
    const first = await list(MANY, { pageSize: 10 });
    expect(first.data).toMatchObject({ total: 25, page: 1, pageSize: 10, hasMore: true });
    expect(first.data!.items.map((o) => o._id)).toEqual(Array.from({ length: 10 }, (_, i) => manyOrder(25 - i)._id));
    expect(first.data!.items[0]).toMatchObject({ storeName: DEMO.storeName, totalFen: 2500, createdAtText: '2026-01-08 12:25' });
    expect(first.data!.items[1]).toMatchObject({ storeName: '二号店', totalFen: 2400 });

    const third = await list(MANY, { page: 3, pageSize: 10 });
    expect(third.data).toMatchObject({ total: 25, page: 3, hasMore: false });
    expect(third.data!.items.map((o) => o._id)).toEqual([5, 4, 3, 2, 1].map((n) => manyOrder(n)._id));

    const beyond = await list(MANY, { page: 4, pageSize: 10 });
    expect(beyond.data).toMatchObject({ items: [], total: 25, hasMore: false });

    const all = await list(MANY, { pageSize: 100 });
    expect(all.data!.items).toHaveLength(25);
    expect(new Set(all.data!.items.map((o) => o._id)).size).toBe(25);
  });

  it('shows only the caller’s own orders, with what payments wrote on them', async () => {
    const other = await list(OTHER);
    expect(other.data!.total).toBe(1);
    expect(other.data!.items).toEqual([
      expect.objectContaining({
        _id: 'order_other_paid',
        storeName: '', // the store no longer exists
        title: '智能柜取餐',
        status: 'partially_refunded',
        statusText: '部分退款',
        payable: false,
        totalFen: 3000,
        paidFen: 2850,
        refundedFen: 1000,
        itemCount: 2,
      }),
    ]);
    expect((await list(DEMO.dinerOpenid)).data!.items.map((o) => o._id)).toEqual(['order_demo_pay_001']);
  });

  it('returns an empty page for a diner without orders', async () => {
    expect(await list('orders-newcomer')).toEqual({
      code: 0,
      message: 'ok',
      data: { items: [], total: 0, page: 1, pageSize: 20, hasMore: false },
      requestId: expect.any(String),
    });
  });

  it('validates page and pageSize, naming the failing field', async () => {
    const tooBig = await list(MANY, { pageSize: 101 });
    expect(tooBig).toMatchObject({ code: 40001, data: null, details: { field: 'pageSize' } });
    expect(tooBig.message).toContain('pageSize');
    expect(await list(MANY, { page: 0 })).toMatchObject({ code: 40001, details: { field: 'page' } });
    expect(await list(MANY, { page: '2' })).toMatchObject({ code: 40001, details: { field: 'page' } });
    expect(await list(MANY, { pageSize: 1.5 })).toMatchObject({ code: 40001, details: { field: 'pageSize' } });
    // strict: an openid in the payload is refused, never used to read someone else's orders
    expect(await list(MANY, { openid: OTHER })).toMatchObject({ code: 40001 });
  });

  it('refuses callers without an openid', async () => {
    expect(await list(undefined)).toMatchObject({ code: 40101 });
    expect(await get(undefined, 'order_demo_pay_001')).toMatchObject({ code: 40101 });
  });

  it('getMyOrder returns the caller’s order with items and payment fields', async () => {
    const demo = await get(DEMO.dinerOpenid, 'order_demo_pay_001');
    expect(demo).toMatchObject({
      code: 0,
      data: {
        _id: 'order_demo_pay_001',
        storeName: DEMO.storeName,
        statusText: '待支付',
        payable: true,
        source: 'table',
        sourceText: '扫码点餐',
        totalFen: 6900,
        items: [
          { name: '素麻婆豆腐', qty: 1, priceFen: 3800, subtotalFen: 3800 },
          { name: '番茄炒蛋', qty: 1, priceFen: 2800, subtotalFen: 2800 },
          { name: '米饭', qty: 1, priceFen: 300, subtotalFen: 300 },
        ],
        paymentId: null,
        paymentMethodText: '',
        paidAt: null,
      },
    });
    expect(demo.data).not.toHaveProperty('openid');

    expect((await get(OTHER, 'order_other_paid')).data).toMatchObject({
      sourceText: '智能柜',
      items: [{ name: '沙拉', qty: 2, priceFen: 1500, subtotalFen: 3000 }],
      paymentMethod: 'wechat',
      paymentMethodText: '微信支付',
      paidFen: 2850,
      paidAt: '2026-01-09T02:01:00.000Z',
      paidAtText: '2026-01-09 10:01',
    });
  });

  it('getMyOrder reports someone else’s order and a missing one alike, and validates the id', async () => {
    expect(await get(OTHER, 'order_demo_pay_001')).toMatchObject({ code: 40480, message: '订单不存在', data: null, details: { field: 'orderId' } });
    expect(await get(DEMO.dinerOpenid, 'order_nope')).toMatchObject({ code: 40480, details: { field: 'orderId' } });
    expect(await get(DEMO.dinerOpenid, '')).toMatchObject({ code: 40001, details: { field: 'orderId' } });
    expect(await get(DEMO.dinerOpenid, 42)).toMatchObject({ code: 40001, details: { field: 'orderId' } });
  });
});
