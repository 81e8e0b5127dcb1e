import { calculateDishCarbon, type DishCarbonInput } from './calculate';
import { CarbonCalculationError } from './errors';

function errorOf(fn: () => unknown): CarbonCalculationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CarbonCalculationError) return error;
    throw error;
  }
  throw new Error('expected a CarbonCalculationError');
}

/** 素麻婆豆腐, one serving. */
const veganMapo: DishCarbonInput = {
  category: '主菜',
  cookingMethod: 'stir_fried',
  ingredients: [
    { ingredientName: '豆腐', quantity: 100, unit: 'g' },
    { ingredientName: '香菇', quantity: 50, unit: 'g' },
    { ingredientName: '豆瓣酱', quantity: 10, unit: 'g' },
    { ingredientName: '食用油', quantity: 10, unit: 'ml' },
  ],
};

describe('calculateDishCarbon — L2', () => {
  it('sums ingredient emissions and cooking energy (hand-checked)', () => {
    // 豆腐   0.100 kg × 3.16 = 0.316
    // 香菇   0.050 kg × 0.53 = 0.0265
    // 豆瓣酱 0.010 kg × 1.79 = 0.0179
    // 食用油 10 ml × 0.92 kg/L = 0.0092 kg × 3.6 = 0.03312
    // 炒     (0.1 + 0.05 + 0.01 + 0.0092) = 0.1692 kg × 0.1 = 0.01692
    // total  0.316 + 0.0265 + 0.0179 + 0.03312 + 0.01692 = 0.41044 → 0.41
    // reduction 1.2 − 0.41044 = 0.78956 → 0.79; 0.78956 / 1.2 = 65.7966…% → 65.8
    const result = calculateDishCarbon(veganMapo);
    expect(result.precise.value).toBeCloseTo(0.41044, 12);
    expect(result).toMatchObject({
      value: 0.41,
      unit: 'kg CO₂e',
      calculationLevel: 'L2',
      category: 'main',
      baseline: 1.2,
      reduction: 0.79,
      reductionPercent: 65.8,
      carbonLevel: 'low',
      certification: '气候友好',
      label: { level: 'low', icon: 'https://cdn.climate-restaurant.example/labels/label-low.png', description: '低碳排放菜品' },
    });
    expect(result.breakdown.map((e) => (e.kind === 'ingredient' ? e.factorId : e.kind))).toEqual(['tofu', 'mushroom', 'doubanjiang', 'cooking_oil', 'cooking']);
    const cooking = result.breakdown[4];
    expect(cooking.kind === 'cooking' && cooking.massKg).toBeCloseTo(0.1692, 12);
  });

  it('scores a beef dish high with a negative reduction (rounded away from zero)', () => {
    // 牛肉 0.15 kg × 99.48 = 14.922; 炒 0.15 × 0.1 = 0.015 → 14.937 → 14.94
    // reduction 1.2 − 14.937 = −13.737 → −13.74; −13.737 / 1.2 = −1144.75 % → −1144.8
    const result = calculateDishCarbon({ category: '热菜', cookingMethod: '炒', ingredients: [{ ingredientName: '牛肉', quantity: 150, unit: 'g' }] });
    expect(result).toMatchObject({ value: 14.94, baseline: 1.2, reduction: -13.74, reductionPercent: -1144.8, carbonLevel: 'high', certification: null });
  });

  it('adds the unspecified cooking factor 0.2 when no method is given', () => {
    // 白菜 0.25 kg × 0.51 = 0.1275; unspecified 0.25 × 0.2 = 0.05 → 0.1775 → 0.18
    const result = calculateDishCarbon({ ingredients: [{ ingredientName: '白菜', quantity: 250, unit: 'g' }] });
    expect(result.precise.value).toBeCloseTo(0.1775, 12);
    expect(result.value).toBe(0.18);
    expect(result.category).toBe('default');
  });

  it('decides the level on the displayed value: 0.4996 shows as 0.50 and is medium', () => {
    // 豆腐 158.1 g raw: 0.1581 × 3.16 = 0.499596 → displayed 0.50 → medium, not certified
    const result = calculateDishCarbon({ cookingMethod: 'raw', ingredients: [{ ingredientName: '豆腐', quantity: 158.1, unit: 'g' }] });
    expect(result.precise.value).toBeCloseTo(0.499596, 12);
    expect(result.value).toBe(0.5);
    expect(result.carbonLevel).toBe('medium');
    expect(result.certification).toBeNull();
  });

  it('withholds certification when the reduction is under 50 % even if low', () => {
    // 小吃 baseline 0.9. 豆腐 140 g raw: 0.14 × 3.16 = 0.4424 → 0.44 low; (0.9 − 0.4424) / 0.9 = 50.84 % → certified
    // 豆腐 145 g raw: 0.145 × 3.16 = 0.4582 → 0.46 low; (0.9 − 0.4582) / 0.9 = 49.09 % → 49.1 → not certified
    const certified = calculateDishCarbon({ category: '小吃', cookingMethod: 'raw', ingredients: [{ ingredientName: '豆腐', quantity: 140, unit: 'g' }] });
    expect(certified).toMatchObject({ value: 0.44, reductionPercent: 50.8, carbonLevel: 'low', certification: '气候友好' });
    const notCertified = calculateDishCarbon({ category: '小吃', cookingMethod: 'raw', ingredients: [{ ingredientName: '豆腐', quantity: 145, unit: 'g' }] });
    expect(notCertified).toMatchObject({ value: 0.46, reductionPercent: 49.1, carbonLevel: 'low', certification: null });
  });

  it('tolerates blanks and full-width forms in names and units', () => {
    const result = calculateDishCarbon({ cookingMethod: 'raw', ingredients: [{ ingredientName: '　豆腐 ', quantity: 100, unit: 'Ｇ' }] });
    expect(result.precise.value).toBeCloseTo(0.316, 12);
  });

  it('uses the configured label base', () => {
    const result = calculateDishCarbon({ ...veganMapo, label: { iconBaseUrl: 'https://img.example.cn/carbon/' } });
    expect(result.label.icon).toBe('https://img.example.cn/carbon/label-low.png');
  });
});

describe('calculateDishCarbon — L1', () => {
  it('uses the category baseline when there is no ingredient list, with no reduction and no certification', () => {
    const result = calculateDishCarbon({ category: '汤' });
    expect(result).toMatchObject({
      value: 1.3,
      calculationLevel: 'L1',
      category: 'soup',
      baseline: 1.3,
      reduction: 0,
      reductionPercent: 0,
      carbonLevel: 'medium',
      certification: null,
    });
    expect(result.breakdown).toEqual([{ kind: 'category_default', category: 'soup', referenceDish: '排骨萝卜汤', emissions: 1.3 }]);
    expect(calculateDishCarbon({ category: '小吃', ingredients: [] }).calculationLevel).toBe('L1');
  });
});

describe('calculateDishCarbon — L3', () => {
  it('replaces the table factor with the supplier factor for the named ingredient', () => {
    // as veganMapo but 豆腐 0.1 kg × 1.2 (supplier) = 0.12 instead of 0.316
    // total 0.41044 − 0.316 + 0.12 = 0.21444 → 0.21; reduction 0.98556 → 0.99; 82.13 % → 82.1
    const result = calculateDishCarbon({ ...veganMapo, supplierFactors: { 豆腐: { factor: 1.2, source: '某豆制品厂 2024 产品碳足迹报告' } } });
    expect(result.precise.value).toBeCloseTo(0.21444, 12);
    expect(result).toMatchObject({ value: 0.21, calculationLevel: 'L3', reduction: 0.99, reductionPercent: 82.1, certification: '气候友好' });
    expect(result.breakdown[0]).toMatchObject({ factorId: 'tofu', factor: 1.2, factorBasis: 'supplier', factorSource: '某豆制品厂 2024 产品碳足迹报告' });
  });

  it('lets a supplier factor cover an ingredient missing from the table', () => {
    // 魔芋 0.2 kg × 0.3 = 0.06; raw → 0.06
    const result = calculateDishCarbon({
      cookingMethod: 'raw',
      ingredients: [{ ingredientName: '魔芋', quantity: 200, unit: 'g' }],
      supplierFactors: { 魔芋: { factor: 0.3, source: '供应商声明' } },
    });
    expect(result).toMatchObject({ value: 0.06, calculationLevel: 'L3' });
    expect(result.breakdown[0]).toMatchObject({ factorId: null, factorBasis: 'supplier' });
  });

  it('rejects a supplier factor that matches no ingredient (a typo must not silently publish L2)', () => {
    const error = errorOf(() => calculateDishCarbon({ ...veganMapo, supplierFactors: { 豆付: { factor: 1, source: 'x' } } }));
    expect(error.code).toBe('UNUSED_SUPPLIER_FACTOR');
    expect(error.ingredientName).toBe('豆付');
    expect(errorOf(() => calculateDishCarbon({ category: '汤', supplierFactors: { 豆腐: { factor: 1, source: 'x' } } })).code).toBe('UNUSED_SUPPLIER_FACTOR');
  });

  it('rejects negative, non-numeric or unsourced supplier factors', () => {
    for (const bad of [
      { factor: -1, source: 'x' },
      { factor: Number.NaN, source: 'x' },
      { factor: 1, source: ' ' },
    ]) {
      expect(errorOf(() => calculateDishCarbon({ ...veganMapo, supplierFactors: { 豆腐: bad } })).code).toBe('INVALID_SUPPLIER_FACTOR');
    }
  });
});

describe('calculateDishCarbon — errors', () => {
  it('throws UNKNOWN_INGREDIENT with the name instead of falling back to L1', () => {
    const error = errorOf(() =>
      calculateDishCarbon({ category: '主菜', ingredients: [...veganMapo.ingredients!, { ingredientName: '魔芋', quantity: 100, unit: 'g' }] }),
    );
    expect(error.code).toBe('UNKNOWN_INGREDIENT');
    expect(error.ingredientName).toBe('魔芋');
    expect(error.message).toContain('魔芋');
  });

  it('throws for an empty ingredient name', () => {
    expect(errorOf(() => calculateDishCarbon({ ingredients: [{ ingredientName: ' ', quantity: 1, unit: 'g' }] })).code).toBe('UNKNOWN_INGREDIENT');
  });

  it('propagates unit, quantity and cooking-method errors', () => {
    expect(errorOf(() => calculateDishCarbon({ ingredients: [{ ingredientName: '白糖', quantity: 1, unit: '勺' }] })).code).toBe('UNKNOWN_UNIT');
    expect(errorOf(() => calculateDishCarbon({ ingredients: [{ ingredientName: '白糖', quantity: 1, unit: '个' }] })).code).toBe('NO_TYPICAL_WEIGHT');
    expect(errorOf(() => calculateDishCarbon({ ingredients: [{ ingredientName: '白糖', quantity: -5, unit: 'g' }] })).code).toBe('INVALID_QUANTITY');
    expect(errorOf(() => calculateDishCarbon({ ...veganMapo, cookingMethod: 'sous_vide' })).code).toBe('UNKNOWN_COOKING_METHOD');
  });

  it('converts 个 with the table typical weight', () => {
    // 鸡蛋 2 个 × 50 g = 0.1 kg × 4.67 = 0.467; 炒 0.1 × 0.1 = 0.01 → 0.477 → 0.48
    const result = calculateDishCarbon({ cookingMethod: 'stir_fried', ingredients: [{ ingredientName: '鸡蛋', quantity: 2, unit: '个' }] });
    expect(result.precise.value).toBeCloseTo(0.477, 12);
    expect(result.value).toBe(0.48);
  });
});
