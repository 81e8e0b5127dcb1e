import { buildCarbonLabel, certify, classifyCarbonLevel, labelIconUrl } from './levels';

describe('classifyCarbonLevel', () => {
  it.each([
    [0, 'low'],
    [0.45, 'low'],
    [0.49, 'low'],
    [0.5, 'medium'], // boundary belongs to the upper level
    [1.2, 'medium'],
    [1.49, 'medium'],
    [1.5, 'high'],
    [14.94, 'high'],
  ])('%p kg per serving → %s', (value, level) => {
    expect(classifyCarbonLevel(value)).toBe(level);
  });

  it('rejects negative and non-finite values', () => {
    expect(() => classifyCarbonLevel(-0.01)).toThrow(RangeError);
    expect(() => classifyCarbonLevel(Number.NaN)).toThrow(RangeError);
  });
});

describe('carbon label', () => {
  it('builds the icon from the default base', () => {
    expect(buildCarbonLabel('low')).toEqual({
      level: 'low',
      icon: 'https://cdn.climate-restaurant.example/labels/label-low.png',
      description: '低碳排放菜品',
    });
    expect(buildCarbonLabel('medium').description).toBe('中碳排放菜品');
    expect(buildCarbonLabel('high').description).toBe('高碳排放菜品');
  });

  it('uses a configurable https base, with or without a trailing slash', () => {
    expect(labelIconUrl('high', { iconBaseUrl: 'https://cdn.example.com/assets/' })).toBe('https://cdn.example.com/assets/label-high.png');
    expect(labelIconUrl('medium', { iconBaseUrl: 'https://cdn.example.com' })).toBe('https://cdn.example.com/label-medium.png');
  });

  it('refuses non-https or malformed bases', () => {
    expect(() => labelIconUrl('low', { iconBaseUrl: 'http://cdn.example.com' })).toThrow(/https/);
    expect(() => labelIconUrl('low', { iconBaseUrl: 'not a url' })).toThrow(RangeError);
  });
});

describe('气候友好 certification', () => {
  it('requires low level, ≥ 50 % reduction and an ingredient-based calculation', () => {
    expect(certify({ carbonLevel: 'low', reductionPercent: 62.5, calculationLevel: 'L2' })).toBe('气候友好');
    expect(certify({ carbonLevel: 'low', reductionPercent: 50, calculationLevel: 'L3' })).toBe('气候友好');
    expect(certify({ carbonLevel: 'low', reductionPercent: 49.9, calculationLevel: 'L2' })).toBeNull();
    expect(certify({ carbonLevel: 'medium', reductionPercent: 80, calculationLevel: 'L2' })).toBeNull();
    expect(certify({ carbonLevel: 'low', reductionPercent: 90, calculationLevel: 'L1' })).toBeNull();
  });
});
