/** What the cabinet function answers (typings/api/cabinet-views.ts, wire form), for page tests that stub the backend. */
export const device = {
  deviceCode: 'XM-T-0001',
  name: '一号柜',
  storeId: 's1',
  storeName: '气候餐厅（示范店）',
  availability: 'available',
  availabilityText: '可以使用',
  lastHeartbeatAt: '2026-12-04T02:00:00.000Z',
};

export function openCheck(overrides: Record<string, any> = {}) {
  const tickets = overrides.tickets ?? { balance: 12000, minimum: 500, enough: true, ticketsPerYuan: 500 };
  const payScoreState = overrides.payScoreState ?? 'authorized';
  const methods = [
    ...(payScoreState === 'unavailable'
      ? []
      : [{ method: 'payscore', available: payScoreState === 'authorized', reason: payScoreState === 'authorized' ? null : '未开通支付分' }]),
    { method: 'tickets', available: tickets.enough, reason: tickets.enough ? null : `礼票不足：至少需要 ${tickets.minimum} 张` },
  ];
  const { payScoreState: _state, ...rest } = overrides;
  return {
    device,
    checks: [],
    blockedBy: null,
    phoneBound: true,
    phoneMasked: '138****0000',
    unpaidOrders: [],
    tickets,
    payScore: { state: payScoreState, stateText: payScoreState === 'authorized' ? '已开通' : '未开通', mode: 'no_confirm' },
    methods,
    openSession: null,
    canOpen: methods.some((m) => m.available),
    ...rest,
  };
}

export function doorSession(overrides: Record<string, any> = {}) {
  const state = overrides.state ?? 'opening';
  return {
    sessionId: 'CS0000000001',
    deviceCode: 'XM-T-0001',
    deviceName: '一号柜',
    storeId: 's1',
    storeName: '气候餐厅（示范店）',
    purpose: 'shopping',
    method: 'payscore',
    state,
    stateText: state,
    hint: '',
    final: ['paid', 'empty', 'timeout', 'failed', 'cancelled', 'restocked'].includes(state),
    openDeadline: null,
    openedAt: null,
    closedAt: null,
    endedAt: null,
    order: null,
    endReason: null,
    createdAt: '2026-12-04T02:00:00.000Z',
    ...overrides,
  };
}

export const paidItems = [
  { sku: 'COLA', name: '可乐', quantity: 2, unitPriceFen: 350, amountFen: 700 },
  { sku: 'CHIPS', name: '薯片', quantity: 1, unitPriceFen: 800, amountFen: 800 },
];

export function sessionOrder(split: Record<string, any>, overrides: Record<string, any> = {}) {
  return {
    orderId: 'order_c1',
    orderNumber: 'CAB00001',
    vendorOrderNo: 'XM-ORDER-1',
    items: paidItems,
    totalFen: 1500,
    split: { paymentType: 'payscore', paymentTypeText: '微信支付分', wechatFen: 0, ticketFen: 0, ticketsSpent: 0, dueFen: 0, ...split },
    state: 'paid',
    stateText: '已支付',
    paidAt: '2026-12-04T04:05:00.000Z',
    pointsEarned: 15,
    ...overrides,
  };
}
