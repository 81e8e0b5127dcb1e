import { CarbonCalculationError } from './errors';
import { toKilograms } from './units';

const plain = { ingredientName: '豆腐' };

function errorOf(fn: () => unknown): CarbonCalculationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CarbonCalculationError) return error;
    throw error;
  }
  throw new Error('expected a CarbonCalculationError');
}

describe('toKilograms', () => {
  it.each([
    [200, 'g', 0.2],
    [150, '克', 0.15],
    [0.5, 'kg', 0.5],
    [1.2, '千克', 1.2],
    [2, '公斤', 2],
    [1, '斤', 0.5], // 1 斤 = 500 g
    [3, '两', 0.15], // 3 两 × 50 g = 150 g
    [2, 'ＫＧ', 2], // full-width
    [80, ' G ', 0.08], // blanks and upper case
  ])('%p %s → %p kg', (quantity, unit, expected) => {
    expect(toKilograms(quantity, unit, plain)).toBeCloseTo(expected, 12);
  });

  it('converts volume with the ingredient density, water-like when none is given', () => {
    // 10 ml oil × 0.92 kg/L = 0.001 L × 0.92 = 0.0092 kg
    expect(toKilograms(10, 'ml', { ingredientName: '食用油', densityKgPerL: 0.92 })).toBeCloseTo(0.0092, 12);
    // 0.25 L milk × 1.03 = 0.2575 kg
    expect(toKilograms(0.25, 'L', { ingredientName: '牛奶', densityKgPerL: 1.03 })).toBeCloseTo(0.2575, 12);
    // 100 毫升 with no density → 0.1 kg
    expect(toKilograms(100, '毫升', plain)).toBeCloseTo(0.1, 12);
    expect(toKilograms(1, '升', plain)).toBe(1);
  });

  it('converts 个 and 份 with the ingredient typical weights', () => {
    // 2 个鸡蛋 × 50 g = 0.1 kg; 1 份豆腐 = 200 g
    expect(toKilograms(2, '个', { ingredientName: '鸡蛋', typicalWeightGrams: { piece: 50 } })).toBeCloseTo(0.1, 12);
    expect(toKilograms(1, '份', { ingredientName: '豆腐', typicalWeightGrams: { piece: 300, serving: 200 } })).toBeCloseTo(0.2, 12);
  });

  it('refuses 个 / 份 when the ingredient has no typical weight, naming the ingredient', () => {
    const error = errorOf(() => toKilograms(1, '个', { ingredientName: '白糖', typicalWeightGrams: { serving: 10 } }));
    expect(error.code).toBe('NO_TYPICAL_WEIGHT');
    expect(error.ingredientName).toBe('白糖');
    expect(error.message).toContain('白糖');
    expect(errorOf(() => toKilograms(1, '份', { ingredientName: '食用油' })).code).toBe('NO_TYPICAL_WEIGHT');
  });

  it('refuses measure words whose weight depends on the ingredient', () => {
    for (const unit of ['勺', '瓣', '根', 'cup', '']) {
      const error = errorOf(() => toKilograms(1, unit, { ingredientName: '大蒜', typicalWeightGrams: { piece: 40 } }));
      expect(error.code).toBe('UNKNOWN_UNIT');
      expect(error.ingredientName).toBe('大蒜');
    }
  });

  it('refuses zero, negative and non-numeric quantities', () => {
    for (const quantity of [0, -1, Number.NaN, Infinity, '200' as unknown as number]) {
      expect(errorOf(() => toKilograms(quantity, 'g', plain)).code).toBe('INVALID_QUANTITY');
    }
  });
});
