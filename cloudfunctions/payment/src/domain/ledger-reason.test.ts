import { ledgerReason } from './ledger-reason';

describe('ledgerReason', () => {
  it('names the store and the readable order number, never the internal id', () => {
    const text = ledgerReason('气候餐厅（示范店）', 'order_demo_pay_001', '支付');
    expect(text).toBe('气候餐厅（示范店） · 订单 MOPAY001 支付');
    expect(text).not.toContain('order_demo_pay_001');
  });

  it('still reads well when the store is unknown', () => {
    expect(ledgerReason(null, 'order_demo_pay_001', '退款退回礼票')).toBe('订单 MOPAY001 退款退回礼票');
  });
});
