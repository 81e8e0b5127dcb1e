import { roundHalfAwayFromZero, roundKg, roundPercent } from './rounding';

describe('roundHalfAwayFromZero', () => {
  it('rounds decimal halves away from zero even when the double sits just below the half', () => {
    // 1.005 is stored as 1.00499999999999989…; naive Math.round(1.005 * 100) / 100 gives 1.00.
    expect(roundKg(1.005)).toBe(1.01);
    expect(roundKg(-1.005)).toBe(-1.01);
    // 2.675.toFixed(2) === '2.67' in V8; the written decimal 2.675 must become 2.68.
    expect(roundKg(2.675)).toBe(2.68);
    expect(roundKg(0.125)).toBe(0.13);
    expect(roundKg(-0.125)).toBe(-0.13);
  });

  it('removes float noise from sums before rounding', () => {
    // 0.1 + 0.2 = 0.30000000000000004 → 0.3; 3 × 0.15 = 0.44999999999999996 → 0.45
    expect(roundKg(0.1 + 0.2)).toBe(0.3);
    expect(roundKg(3 * 0.15)).toBe(0.45);
  });

  it('rounds percentages to one decimal', () => {
    expect(roundPercent(62.5)).toBe(62.5);
    expect(roundPercent(65.79666)).toBe(65.8);
    expect(roundPercent(72.25)).toBe(72.3);
    expect(roundPercent(-1144.75)).toBe(-1144.8);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundKg(-0.001), 0)).toBe(true);
    expect(Object.is(roundKg(-0), 0)).toBe(true);
  });

  it('rejects non-finite values and bad decimal counts', () => {
    expect(() => roundKg(Number.NaN)).toThrow(RangeError);
    expect(() => roundKg(Infinity)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });
});
