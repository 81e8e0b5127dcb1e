import { aggregateOrderCarbon } from './aggregate';
import { CarbonCalculationError } from './errors';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof CarbonCalculationError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('aggregateOrderCarbon', () => {
  it('reproduces the seed order-sync reply for 2 × 素麻婆豆腐 (0.45 each, baseline 1.2)', () => {
    // total 2 × 0.45 = 0.90; baseline 2 × 1.2 = 2.40; reduction 2.40 − 0.90 = 1.50
    // 1.50 / 2.40 = 62.5 %; per-serving average 0.90 / 2 = 0.45 → low
    const result = aggregateOrderCarbon([{ menuItemId: 'menu_001', quantity: 2, dishCarbon: { value: 0.45, baseline: 1.2 } }]);
    expect(result).toStrictEqual({
      carbonImpact: {
        totalCarbonFootprint: 0.9,
        unit: 'kg CO₂e',
        baseline: 2.4,
        carbonReduction: 1.5,
        reductionPercent: 62.5,
        carbonLevel: 'low',
      },
      items: [
        {
          menuItemId: 'menu_001',
          carbonFootprint: 0.9,
          carbonLabel: { level: 'low', icon: 'https://cdn.climate-restaurant.example/labels/label-low.png' },
        },
      ],
    });
  });

  it('sums unrounded per-serving values when they are available', () => {
    // 3 × 0.333 = 0.999 → 1.00 (from the displayed 0.33 it would be 0.99)
    // baseline 3 × 1.2 = 3.6; reduction 2.601 → 2.60; 2.601 / 3.6 = 72.25 % → 72.3
    const result = aggregateOrderCarbon([
      { menuItemId: 'm1', quantity: 3, dishCarbon: { value: 0.33, baseline: 1.2, precise: { value: 0.333, baseline: 1.2 } } },
    ]);
    expect(result.carbonImpact).toMatchObject({ totalCarbonFootprint: 1, baseline: 3.6, carbonReduction: 2.6, reductionPercent: 72.3, carbonLevel: 'low' });
    expect(result.items[0].carbonFootprint).toBe(1);
  });

  it('uses the per-serving average for the order level and the dish level for item labels', () => {
    // tofu 0.41044 × 1 + beef 14.937 × 1 = 15.34744 → 15.35; baseline 2.4
    // reduction 2.4 − 15.34744 = −12.94744 → −12.95; −12.94744 / 2.4 = −539.4766… % → −539.5
    // average 15.34744 / 2 = 7.67372 → 7.67 → high
    const result = aggregateOrderCarbon([
      { menuItemId: 'tofu', quantity: 1, dishCarbon: { value: 0.41, baseline: 1.2, precise: { value: 0.41044, baseline: 1.2 } } },
      { menuItemId: 'beef', quantity: 1, dishCarbon: { value: 14.94, baseline: 1.2, precise: { value: 14.937, baseline: 1.2 } } },
    ]);
    expect(result.carbonImpact).toMatchObject({
      totalCarbonFootprint: 15.35,
      baseline: 2.4,
      carbonReduction: -12.95,
      reductionPercent: -539.5,
      carbonLevel: 'high',
    });
    expect(result.items.map((i) => [i.menuItemId, i.carbonFootprint, i.carbonLabel.level])).toEqual([
      ['tofu', 0.41, 'low'],
      ['beef', 14.94, 'high'],
    ]);
  });

  it('keeps a dish label low however many servings are ordered', () => {
    // 4 × 0.45 = 1.80 on the line (that total alone would classify high), label stays low; average 0.45 → low
    const result = aggregateOrderCarbon([{ menuItemId: 'menu_001', quantity: 4, dishCarbon: { value: 0.45, baseline: 1.2 } }]);
    expect(result.items[0]).toMatchObject({ carbonFootprint: 1.8, carbonLabel: { level: 'low' } });
    expect(result.carbonImpact.carbonLevel).toBe('low');
  });

  it('builds item icons from the configured base', () => {
    const result = aggregateOrderCarbon([{ menuItemId: 'm', quantity: 1, dishCarbon: { value: 2, baseline: 1.2 } }], {
      iconBaseUrl: 'https://img.example.cn/l',
    });
    expect(result.items[0].carbonLabel).toEqual({ level: 'high', icon: 'https://img.example.cn/l/label-high.png' });
  });

  it('rejects empty orders and invalid lines', () => {
    expect(codeOf(() => aggregateOrderCarbon([]))).toBe('EMPTY_ORDER');
    expect(codeOf(() => aggregateOrderCarbon([{ menuItemId: 'm', quantity: 0, dishCarbon: { value: 1, baseline: 1 } }]))).toBe('INVALID_ORDER_ITEM');
    expect(codeOf(() => aggregateOrderCarbon([{ menuItemId: 'm', quantity: 1, dishCarbon: { value: -1, baseline: 1 } }]))).toBe('INVALID_ORDER_ITEM');
    expect(codeOf(() => aggregateOrderCarbon([{ menuItemId: 'm', quantity: 1, dishCarbon: { value: 1, baseline: 0 } }]))).toBe('INVALID_ORDER_ITEM');
    expect(codeOf(() => aggregateOrderCarbon([{ menuItemId: '', quantity: 1, dishCarbon: { value: 1, baseline: 1 } }]))).toBe('INVALID_ORDER_ITEM');
  });
});
