import { levelForPoints, levelProgress, quoteDiscount } from './levels';
import { DEFAULT_LEVELS } from './program';

describe('levelForPoints (seed 003 thresholds)', () => {
  it.each([
    [0, 'normal'],
    [999, 'normal'],
    [1000, 'silver'],
    [4999, 'silver'],
    [5000, 'gold'],
    [9999, 'gold'],
    [10000, 'platinum'],
    [250000, 'platinum'],
  ])('%i points → %s', (points, code) => {
    expect(levelForPoints(points).code).toBe(code);
  });

  it('does not depend on the order levels are configured in', () => {
    expect(levelForPoints(5200, [...DEFAULT_LEVELS].reverse()).code).toBe('gold');
  });
});

describe('levelProgress', () => {
  it('reports the gap to the next level', () => {
    expect(levelProgress(250)).toMatchObject({ current: { code: 'normal' }, next: { code: 'silver' }, pointsToNext: 750, percent: 25 });
    expect(levelProgress(3000)).toMatchObject({ current: { code: 'silver' }, next: { code: 'gold' }, pointsToNext: 2000, percent: 50 });
  });

  it('is complete at the top level', () => {
    expect(levelProgress(12000)).toMatchObject({ current: { code: 'platinum' }, next: null, pointsToNext: 0, percent: 100 });
  });
});

describe('quoteDiscount', () => {
  it('matches seed 003 apply-discount: ¥100 at 95折 → ¥5 off, ¥95', () => {
    expect(quoteDiscount(10000, { discountPermille: 950 })).toEqual({ original: 10000, discount: 500, final: 9500, rate: 0.95 });
  });

  it('rounds the discount down to the fen and always adds up', () => {
    // 33.33 × 15% = 4.9995 → 4.99 off
    expect(quoteDiscount(3333, { discountPermille: 850 })).toEqual({ original: 3333, discount: 499, final: 2834, rate: 0.85 });
    for (let fen = 0; fen < 2000; fen += 7) {
      const quote = quoteDiscount(fen, { discountPermille: 900 });
      expect(quote.discount + quote.final).toBe(fen);
      expect(quote.discount).toBeLessThanOrEqual(fen * 0.1);
    }
  });

  it('gives no discount at the entry level', () => {
    expect(quoteDiscount(1234, { discountPermille: 1000 })).toEqual({ original: 1234, discount: 0, final: 1234, rate: 1 });
  });

  it('rejects non-integer fen', () => {
    expect(() => quoteDiscount(12.5, { discountPermille: 950 })).toThrow(RangeError);
  });
});
