import { fenToYuan, formatFen, isYuanAmount, yuanToFen } from './money';

describe('yuanToFen', () => {
  it.each([
    [38, 3800],
    [38.0, 3800],
    [38.1, 3810],
    [19.99, 1999],
    [0.01, 1],
    [0, 0],
    [-0, 0],
    [-12.3, -1230],
    [1234567.89, 123456789],
    ['76.00', 7600],
    [' 0.5 ', 50],
  ])('%p yuan → %p fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('accepts exponent forms that denote at most two decimals, exactly', () => {
    // String(n) switches to exponent form below 1e-6 and from 1e21; 1.5e1 is just 15 when parsed.
    expect(yuanToFen(1.5e1)).toBe(1500);
    expect(yuanToFen(1e2)).toBe(10000);
    expect(yuanToFen(JSON.parse('1.23e2'))).toBe(12300);
    expect(yuanToFen(JSON.parse('12345e-2'))).toBe(12345);
  });

  it.each([
    ['1e-7 (used to round to 0 fen)', 1e-7],
    ['5e-7', 5e-7],
    ['-1e-7', -1e-7],
    ['9.99e-7', 9.99e-7],
    ['0.005', 0.005],
    ['0.001', 0.001],
    ['12.345', 12.345],
    ['0.1 + 0.2', 0.1 + 0.2],
    ['1e21 (beyond safe fen)', 1e21],
    ['1.5e300', 1.5e300],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s', (_name, yuan) => {
    expect(() => yuanToFen(yuan)).toThrow(RangeError);
    expect(isYuanAmount(yuan)).toBe(false);
  });

  it('rejects strings that are not plain decimals with at most two places (exponent strings included)', () => {
    for (const text of ['1e-7', '1e2', '0.005', '12.', '.5', 'abc', '', '1,000', '+1']) {
      expect(() => yuanToFen(text)).toThrow(RangeError);
    }
  });

  it('treats numbers the same whether or not the engine prints them in exponent form', () => {
    // 1e-7 and 0.0000001 are the same double; both must be rejected, as 0.005 is.
    expect(isYuanAmount(0.0000001)).toBe(false);
    expect(isYuanAmount(Number('1e-7'))).toBe(false);
    expect(isYuanAmount(0.005)).toBe(false);
  });
});

describe('fenToYuan / formatFen', () => {
  it('converts integer fen back to yuan and refuses fractions of a fen', () => {
    expect(fenToYuan(1999)).toBe(19.99);
    expect(fenToYuan(-7600)).toBe(-76);
    expect(() => fenToYuan(0.5)).toThrow(RangeError);
  });

  it('formats for display', () => {
    expect(formatFen(1230)).toBe('¥12.30');
    expect(formatFen(-5)).toBe('-¥0.05');
  });
});
