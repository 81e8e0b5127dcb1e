import { EMISSION_FACTORS, findEmissionFactor } from './emission-factors';

describe('emission factor table', () => {
  it('covers at least 40 ingredients', () => {
    expect(EMISSION_FACTORS.length).toBeGreaterThanOrEqual(40);
  });

  // Values from /work/shared/FACTS.md (Poore & Nemecek 2018 via OWID ghg-per-kg-poore).
  it.each([
    ['牛肉', 99.48],
    ['羊肉', 39.72],
    ['猪肉', 12.31],
    ['鸡肉', 9.87],
    ['鸡蛋', 4.67],
    ['大米', 4.45],
    ['豆腐', 3.16],
    ['牛奶', 3.15],
    ['番茄', 2.09],
    ['面粉', 1.57],
    ['豌豆', 0.98],
    ['白菜', 0.51],
    ['洋葱', 0.5],
    ['土豆', 0.46],
    ['胡萝卜', 0.43],
  ])('%s uses the published study value %p kg CO₂e/kg', (name, factor) => {
    const row = findEmissionFactor(name);
    expect(row?.factor).toBe(factor);
    expect(row?.basis).toBe('direct');
    expect(row?.source).toContain('Poore & Nemecek 2018');
  });

  it('derives cooked rice from raw rice: 4.45 ÷ 2.5 = 1.78', () => {
    const row = findEmissionFactor('米饭');
    expect(row?.factor).toBeCloseTo(1.78, 12);
    expect(row?.basis).toBe('derived');
  });

  it.each([
    '豆腐',
    '猪肉',
    '五花肉',
    '牛肉',
    '羊肉',
    '鸡肉',
    '鸡蛋',
    '大米',
    '米饭',
    '面粉',
    '面条',
    '土豆',
    '番茄',
    '西红柿',
    '白菜',
    '青菜',
    '西兰花',
    '洋葱',
    '大葱',
    '胡萝卜',
    '豆芽',
    '花生油',
    '食用油',
    '牛奶',
    '虾',
    '鱼',
    '蘑菇',
    '茄子',
    '黄瓜',
    '辣椒',
    '豌豆',
    '玉米',
    '豆瓣酱',
    '酱油',
    '糖',
    '大蒜',
    '姜',
    '芝麻',
  ])('resolves the brief ingredient %s', (name) => {
    expect(findEmissionFactor(name)).toBeDefined();
  });

  it('resolves aliases, ids, blanks and full-width forms to the same row', () => {
    expect(findEmissionFactor('西红柿')?.id).toBe('tomato');
    expect(findEmissionFactor('　西红柿 ')?.id).toBe('tomato');
    expect(findEmissionFactor('ＴＯＦＵ')?.id).toBe('tofu');
    expect(findEmissionFactor('tofu')?.id).toBe('tofu');
    expect(findEmissionFactor('五花肉')?.id).toBe('pork');
    expect(findEmissionFactor('花生油')?.id).toBe('cooking_oil');
    expect(findEmissionFactor('生 抽')?.id).toBe('soy_sauce');
  });

  it('returns undefined for an unknown ingredient instead of guessing', () => {
    expect(findEmissionFactor('魔芋')).toBeUndefined();
    expect(findEmissionFactor('')).toBeUndefined();
  });

  it('labels every row honestly', () => {
    const ids = new Set<string>();
    for (const row of EMISSION_FACTORS) {
      expect(row.id).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(ids.has(row.id)).toBe(false);
      ids.add(row.id);
      expect(Number.isFinite(row.factor) && row.factor >= 0).toBe(true);
      expect(row.source.trim()).not.toBe('');
      if (row.basis === 'proxy') expect(row.source).toMatch(/proxy "[^"]+"/);
      if (row.basis === 'direct') expect(row.source).toContain('Poore & Nemecek 2018');
      if (row.basis === 'estimate' || row.basis === 'derived') expect(row.source).toContain('估计');
      if (row.densityKgPerL !== undefined) expect(row.densityKgPerL).toBeGreaterThan(0);
    }
  });

  it('gives oils a density below water so that ml of oil weighs less than ml of water', () => {
    expect(findEmissionFactor('食用油')?.densityKgPerL).toBe(0.92);
  });
});
