import { COOKING_FACTORS, COOKING_METHODS, getCookingFactor } from './cooking';
import { CarbonCalculationError } from './errors';
import { lookupKey } from './lookup-key';
import { roundHalfAwayFromZero } from './rounding';

describe('cooking energy factors', () => {
  it('has one row per method', () => {
    expect(COOKING_FACTORS.map((row) => row.method).sort()).toEqual([...COOKING_METHODS].sort());
  });

  // Re-derives every table value from the arithmetic in cooking.ts' header, so a changed
  // factor without a changed assumption (or the reverse) fails here.
  it.each([
    ['stir_fried', 1.7 * 0.056, 0.1], // 0.0952
    ['pan_fried', 2 * 0.056, 0.1], // 0.112
    ['steamed', 3 * 0.056, 0.2], // 0.168
    ['boiled', 4 * 0.056, 0.2], // 0.224
    ['deep_fried', 5.7 * 0.056, 0.3], // 0.3192
    ['braised', 5 * 0.056, 0.3], // 0.28
    ['stewed', 7 * 0.056, 0.4], // 0.392
    ['grilled', 0.7 * 0.57, 0.4], // 0.399
    ['baked', 0.7 * 0.57, 0.4], // 0.399
    ['raw', 0, 0],
  ])('%s: documented energy %p rounds to %p', (method, derived, factor) => {
    expect(roundHalfAwayFromZero(derived, 1)).toBe(factor);
    expect(getCookingFactor(method).factor).toBe(factor);
  });

  it('accepts Chinese names and aliases', () => {
    expect(getCookingFactor('清蒸').method).toBe('steamed');
    expect(getCookingFactor('炒').method).toBe('stir_fried');
    expect(getCookingFactor('红烧').method).toBe('braised');
    expect(getCookingFactor(' 凉拌 ').method).toBe('raw');
    expect(getCookingFactor('STIR_FRIED').method).toBe('stir_fried');
  });

  it('uses the conservative unspecified factor when no method is given', () => {
    expect(getCookingFactor(undefined)).toMatchObject({ method: 'unspecified', factor: 0.2 });
    expect(getCookingFactor('  ').method).toBe('unspecified');
  });

  it('rejects an unknown method instead of guessing', () => {
    expect(() => getCookingFactor('microwaved')).toThrow(CarbonCalculationError);
    try {
      getCookingFactor('microwaved');
    } catch (error) {
      expect((error as CarbonCalculationError).code).toBe('UNKNOWN_COOKING_METHOD');
    }
  });

  it('never maps one alias to two methods', () => {
    const owners = new Map<string, Set<string>>();
    for (const row of COOKING_FACTORS) {
      for (const key of [row.method, row.name, ...row.aliases].map(lookupKey)) owners.set(key, (owners.get(key) ?? new Set()).add(row.method));
    }
    const conflicts = [...owners].filter(([, methods]) => methods.size > 1).map(([key]) => key);
    expect(conflicts).toEqual([]);
  });
});
