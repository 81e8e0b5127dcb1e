import type { PaymentRecord } from '../payments/payment-record';
import { checkCompletion, completionLines, MAX_POST_PAYMENTS, serviceIntroduction } from './smart-retail-rules';

describe('smart-retail completion lines', () => {
  it('makes one 商品信息 line per item with quantity × unit price', () => {
    const result = completionLines([
      { name: '可乐', quantity: 2, unitPriceFen: 350 },
      { name: '薯片', quantity: 1, unitPriceFen: 800 },
    ]);
    expect(result).toEqual({
      ok: true,
      totalFen: 1500,
      lines: [
        { name: '商品信息', description: '可乐', amount: 700, count: 2 },
        { name: '商品信息', description: '薯片', amount: 800, count: 1 },
      ],
    });
  });

  it('refuses nothing, more than 100 lines and broken lines', () => {
    expect(completionLines([])).toEqual({ ok: false, reason: 'empty' });
    const many = Array.from({ length: MAX_POST_PAYMENTS + 1 }, (_, i) => ({ name: `货${i}`, quantity: 1, unitPriceFen: 1 }));
    expect(completionLines(many)).toEqual({ ok: false, reason: 'too_many_lines' });
    expect(completionLines(many.slice(0, MAX_POST_PAYMENTS)).ok).toBe(true);
    expect(completionLines([{ name: 'x', quantity: 0, unitPriceFen: 1 }])).toEqual({ ok: false, reason: 'invalid_line' });
    expect(completionLines([{ name: 'x', quantity: 1, unitPriceFen: 1.5 }])).toEqual({ ok: false, reason: 'invalid_line' });
  });

  it('cuts the introduction to 20 characters', () => {
    expect(serviceIntroduction('一二三四五六七八九十一二三四五六七八九十多')).toHaveLength(20);
    expect(serviceIntroduction('  ')).toBe('智能柜购物');
  });
});

describe('checkCompletion', () => {
  const base = { status: 'pending', orderId: '', payableFen: 0 } as unknown as PaymentRecord;
  it('completes a pending payment once; the same completion again is answered, another refused', () => {
    expect(checkCompletion(base, 'o1', 500)).toEqual({ kind: 'complete' });
    const done = { ...base, orderId: 'o1', payableFen: 500, payScoreCompletedAt: new Date() };
    expect(checkCompletion(done, 'o1', 500)).toEqual({ kind: 'already' });
    expect(checkCompletion(done, 'o1', 400)).toEqual({ kind: 'refused', reason: 'completed_differently' });
    expect(checkCompletion(done, 'o2', 500)).toEqual({ kind: 'refused', reason: 'other_order' });
    expect(checkCompletion({ ...base, status: 'closed' }, 'o1', 500)).toEqual({ kind: 'refused', reason: 'not_pending' });
  });
});
