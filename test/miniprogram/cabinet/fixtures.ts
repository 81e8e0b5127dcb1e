/** What the cabinet function answers, for page tests that stub the backend (wire form: ISO instants). */
export const device = { deviceCode: 'XM-T-0001', name: '一号柜', storeId: 's1', storeName: '气候餐厅（示范店）', availability: 'available' };

export function openCheck(overrides: Record<string, unknown> = {}) {
  return {
    device,
    phoneBound: true,
    unpaidOrders: [],
    payScore: { enabled: true, authorized: true },
    tickets: { balance: 12000, minimum: 500, enough: true },
    activeSession: null,
    ...overrides,
  };
}

export function doorSession(overrides: Record<string, unknown> = {}) {
  return {
    sessionId: 'sess_1',
    deviceCode: 'XM-T-0001',
    deviceName: '一号柜',
    storeName: '气候餐厅（示范店）',
    status: 'opening',
    paymentMethod: 'payscore',
    endReason: null,
    orderId: null,
    items: [],
    totalFen: 0,
    ticketFen: 0,
    ticketsUsed: 0,
    wechatFen: 0,
    openedAt: null,
    closedAt: null,
    paidAt: null,
    ...overrides,
  };
}

export const paidItems = [
  { name: '可乐', qty: 2, priceFen: 350, subtotalFen: 700 },
  { name: '薯片', qty: 1, priceFen: 800, subtotalFen: 800 },
];
