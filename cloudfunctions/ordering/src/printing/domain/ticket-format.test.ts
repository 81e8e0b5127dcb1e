import { asReprint, columns, formatQuantity, kitchenTicket, plainText, receiptTicket, textWidth } from './ticket-format';
import type { PrintableLine, PrintableOrder } from './types';

const order: PrintableOrder = {
  _id: 'ord_1',
  storeId: 's1',
  orderNo: 'T0012',
  tableName: 'A01',
  partySize: 4,
  remarks: '不要香菜',
  placedAt: new Date('2026-12-04T13:05:00Z'),
};
const lines: PrintableLine[] = [
  { lineId: 'l1', name: '宫保鸡丁', quantity: 2, station: 'hot', remarks: '少辣' },
  { lineId: 'l2', name: '清蒸鲈鱼', quantity: 1.25, unit: '斤', station: 'hot' },
];

describe('kitchen tickets (Feie markup)', () => {
  it('prints table, number, party, Shanghai time, each line with quantity and remark, the order remark', () => {
    const text = plainText(kitchenTicket(order, lines, 'new', ['hot']));
    expect(text).toContain('后厨单 热菜');
    expect(text).toContain('桌台：A01');
    expect(text).toMatch(/单号：T0012\s+4人/);
    expect(text).toContain('下单：2026-12-04 21:05');
    expect(text).toMatch(/宫保鸡丁\s+x2/);
    expect(text).toContain('备注：少辣');
    expect(text).toMatch(/清蒸鲈鱼\s+1\.25斤/);
    expect(text).toContain('整单备注：不要香菜');
    expect(text).not.toContain('加菜');
  });

  it('marks an addition (加菜) and lists only the lines it is given', () => {
    const content = kitchenTicket(order, [lines[0]], 'addition', ['hot']);
    expect(content.startsWith('<CB>【加菜】后厨单 热菜</CB>')).toBe(true);
    expect(plainText(content)).not.toContain('清蒸鲈鱼');
  });

  it('is deterministic, escapes markup in names and marks reprints', () => {
    const a = kitchenTicket(order, [{ lineId: 'x', name: '<CUT>鱼', quantity: 1 }], 'new', ['cold']);
    expect(a).toBe(kitchenTicket(order, [{ lineId: 'x', name: '<CUT>鱼', quantity: 1 }], 'new', ['cold']));
    expect(a.match(/<CUT>/g)).toHaveLength(1);
    expect(asReprint(a).startsWith('<CB>【补打】')).toBe(true);
  });

  it('receipt: amounts in yuan, total and payment', () => {
    const text = plainText(receiptTicket({ ...order, totalFen: 12345, paidFen: 11000, paymentMethod: '微信支付' }, [{ ...lines[0], amountFen: 7600 }]));
    expect(text).toMatch(/宫保鸡丁 x2\s+76\.00/);
    expect(text).toMatch(/合计\s+123\.45/);
    expect(text).toMatch(/实付（微信支付）\s+110\.00/);
  });

  it('measures CJK as two columns and pads to the ticket width', () => {
    expect(textWidth('鸡a')).toBe(3);
    expect(textWidth(columns('合计', '1.00'))).toBe(32);
    expect(formatQuantity({ quantity: 0.5, unit: 'kg' })).toBe('0.5kg');
  });
});
