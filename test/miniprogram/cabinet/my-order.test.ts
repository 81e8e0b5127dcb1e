/** A smart-cabinet order in the diner's 订单详情: items, amounts, the device and the gift-ticket / WeChat split. */
import { mountPage, stubFunctions } from '../support/harness';

function cabinetOrder(overrides: Record<string, unknown> = {}) {
  return {
    _id: 'order_cab_0001',
    storeId: 's1',
    storeName: '气候餐厅（示范店）',
    title: '智能柜购物',
    status: 'pending',
    statusText: '待支付',
    payable: true,
    totalFen: 1500,
    paidFen: null,
    refundedFen: 0,
    itemCount: 3,
    createdAt: '2026-12-04T02:00:00.000Z',
    createdAtText: '2026-12-04 10:00',
    source: 'cabinet',
    sourceText: '智能柜',
    items: [
      { name: '可乐', qty: 2, priceFen: 350, subtotalFen: 700 },
      { name: '薯片', qty: 1, priceFen: 800, subtotalFen: 800 },
    ],
    paymentId: null,
    paymentMethod: null,
    paymentMethodText: '',
    paidAt: null,
    paidAtText: '',
    cabinet: { deviceCode: 'XM-DEMO-0001', ticketFen: 1000, ticketsSpent: 5000, wechatFen: 0 },
    ...overrides,
  };
}

it('tickets fell short: the ticket part, the remainder due by WeChat Pay, and 去支付', async () => {
  stubFunctions({ ordering: { getMyOrder: () => cabinetOrder() }, payment: { getPayment: () => ({ payment: null, refunds: [], orderStatus: 'pending' }) } });
  const page = await mountPage('pages/ordering/detail/index', { query: { orderId: 'order_cab_0001' } });
  await page.waitForText('可乐');
  for (const text of ['智能柜', 'XM-DEMO-0001', '× 2', '¥7.00', '¥15.00', '礼票抵扣', '¥10.00（5,000 张）', '待微信支付', '¥5.00', '去支付'])
    expect(page.text()).toContain(text);
});

it('a Pay Score cabinet order shows no ticket block', async () => {
  stubFunctions({
    ordering: {
      getMyOrder: () =>
        cabinetOrder({
          status: 'paid',
          statusText: '已支付',
          payable: false,
          paidFen: 1500,
          cabinet: { deviceCode: 'XM-DEMO-0001', ticketFen: 0, ticketsSpent: 0, wechatFen: 1500 },
        }),
    },
    payment: { getPayment: () => ({ payment: null, refunds: [], orderStatus: 'paid' }) },
  });
  const page = await mountPage('pages/ordering/detail/index', { query: { orderId: 'order_cab_0001' } });
  await page.waitForText('XM-DEMO-0001');
  expect(page.text()).not.toContain('礼票抵扣');
  expect(page.text()).not.toContain('去支付');
});
