import { readOrder, type OrderRecord, type StoredOrder } from '../../../shared/orders/order-record';
import { distinctStoreIds, orderStatusOf, toOrderDetail, toOrderSummary } from './order-view';

// Stored with the older item field names on purpose: the views read them through the kernel's readOrder.
const order = (fields: Partial<StoredOrder> = {}): OrderRecord =>
  readOrder({
    _id: 'order_demo_pay_001',
    storeId: 'rest_123456',
    openid: 'o1',
    source: 'table',
    title: '气候餐厅-示范订单',
    items: [
      { name: '素麻婆豆腐', qty: 1, priceFen: 3800 },
      { itemName: '米饭', quantity: 2, priceFen: 300 },
    ],
    totalFen: 4400,
    status: 'pending',
    createdAt: new Date('2026-01-31T10:05:00Z'),
    ...fields,
  });

describe('orderStatusOf', () => {
  it.each([
    [{ status: 'pending' }, 'pending'],
    [{ status: 'pending_payment' }, 'pending'],
    [{ status: 'unpaid' }, 'pending'],
    [{ status: 'paid' }, 'paid'],
    [{ status: 'closed' }, 'closed'],
    [{ status: 'cancelled' }, 'cancelled'],
    [{ status: 'completed' }, 'completed'],
    [{ status: 'paid', refundStatus: 'refunding' }, 'refunding'],
    [{ status: 'paid', refundStatus: 'refunded' }, 'refunded'],
    [{ status: 'paid', refundStatus: 'partially_refunded' }, 'partially_refunded'],
    // a failed refund clears refundStatus: the order is paid again
    [{ status: 'paid', refundStatus: null }, 'paid'],
    [{ status: 'something_new' }, 'unknown'],
    [{}, 'unknown'],
  ] as const)('%j → %s', (fields, expected) => {
    expect(orderStatusOf(fields)).toBe(expected);
  });
});

describe('toOrderSummary', () => {
  it('shows the store, Chinese status, fen amounts and Shanghai time', () => {
    expect(toOrderSummary(order(), '气候餐厅（示范店）')).toEqual({
      _id: 'order_demo_pay_001',
      storeId: 'rest_123456',
      storeName: '气候餐厅（示范店）',
      title: '气候餐厅-示范订单',
      status: 'pending',
      statusText: '待支付',
      payable: true,
      totalFen: 4400,
      paidFen: null,
      refundedFen: 0,
      itemCount: 3,
      createdAt: '2026-01-31T10:05:00.000Z',
      createdAtText: '2026-01-31 18:05',
    });
  });

  it('falls back to the store name or the id for the title, and copes with missing fields', () => {
    expect(toOrderSummary(order({ title: undefined }), '二号店').title).toBe('二号店');
    const bare = toOrderSummary(readOrder({ _id: 'order_0000abcdefgh', storeId: 'gone', openid: 'o1' }), '');
    expect(bare).toMatchObject({ title: '订单 abcdefgh', status: 'unknown', statusText: '处理中', payable: false, totalFen: 0, itemCount: 0 });
    expect(bare.createdAt).toBeNull();
    expect(bare.createdAtText).toBe('');
  });

  it('paid and refunded orders are not payable', () => {
    expect(toOrderSummary(order({ status: 'paid', paidFen: 4180 }), '')).toMatchObject({ statusText: '已支付', payable: false, paidFen: 4180 });
    expect(toOrderSummary(order({ status: 'paid', refundStatus: 'refunded', refundedFen: 4180 }), '')).toMatchObject({
      statusText: '已退款',
      payable: false,
      refundedFen: 4180,
    });
  });
});

describe('toOrderDetail', () => {
  it('lists items with subtotals and the payment fields', () => {
    const detail = toOrderDetail(
      order({ status: 'paid', paymentId: 'P1', paymentMethod: 'wechat', paidFen: 4400, paidAt: '2026-01-31T10:06:00.000Z' }),
      '气候餐厅（示范店）',
    );
    expect(detail).toMatchObject({
      source: 'table',
      sourceText: '扫码点餐',
      items: [
        { name: '素麻婆豆腐', qty: 1, priceFen: 3800, subtotalFen: 3800 },
        { name: '米饭', qty: 2, priceFen: 300, subtotalFen: 600 },
      ],
      paymentId: 'P1',
      paymentMethod: 'wechat',
      paymentMethodText: '微信支付',
      paidAt: '2026-01-31T10:06:00.000Z',
      paidAtText: '2026-01-31 18:06',
    });
    expect(detail).not.toHaveProperty('openid');
    expect(detail).not.toHaveProperty('cabinet');
  });

  it('a smart-cabinet order carries its device and the gift-ticket / WeChat split', () => {
    const cabinet = {
      deviceCode: 'XM-DEMO-0001',
      sessionId: 'CS1',
      vendorOrderNo: 'XM-O-1',
      orderType: 'normal',
      ticketFen: 1000,
      ticketsSpent: 5000,
      wechatFen: 500,
    };
    const detail = toOrderDetail(order({ source: 'cabinet', cabinet }), '');
    expect(detail).toMatchObject({ sourceText: '智能柜', cabinet: { deviceCode: 'XM-DEMO-0001', ticketFen: 1000, ticketsSpent: 5000, wechatFen: 500 } });
    expect(detail.cabinet).not.toHaveProperty('vendorOrderNo');
  });
});

it('distinctStoreIds keeps each store once and skips blanks', () => {
  expect(distinctStoreIds([{ storeId: 'a' }, { storeId: 'b' }, { storeId: 'a' }, { storeId: '' }])).toEqual(['a', 'b']);
});
