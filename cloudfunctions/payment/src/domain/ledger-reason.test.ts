import { ledgerReason } from './ledger-reason';

describe('ledgerReason', () => {
  it('names the readable order number, never the internal id', () => {
    const text = ledgerReason('order_demo_pay_001', '支付');
    expect(text).toBe('订单 MOPAY001 支付');
    expect(text).not.toContain('order_demo_pay_001');
    expect(ledgerReason('order_demo_pay_001', '退款退回礼票')).toBe('订单 MOPAY001 退款退回礼票');
  });
});
