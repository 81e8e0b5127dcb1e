import { BASELINES, getBaseline } from './baselines';
import { calculateDishCarbon } from './calculate';
import { roundHalfAwayFromZero } from './rounding';

describe('baselines', () => {
  it.each(BASELINES.filter((b) => b.referenceRecipe).map((b) => [b.name, b] as const))(
    '%s: the reference recipe recomputed with today’s factor table rounds to the stated value',
    (_name, baseline) => {
      const result = calculateDishCarbon({ category: baseline.name, ...baseline.referenceRecipe! });
      expect(roundHalfAwayFromZero(result.precise.value, 1)).toBe(baseline.value);
    },
  );

  it('matches the hand arithmetic for the 主菜 reference (青椒肉丝)', () => {
    // 0.085×12.31 + 0.15×0.53 + 0.015×3.6 + 0.01×0.98 + 0.26×0.1
    // = 1.04635 + 0.0795 + 0.054 + 0.0098 + 0.026 = 1.21565
    const main = getBaseline('主菜');
    const result = calculateDishCarbon({ category: '主菜', ...main.referenceRecipe! });
    expect(result.precise.value).toBeCloseTo(1.21565, 10);
    expect(main.value).toBe(1.2);
  });

  it('matches the hand arithmetic for the 汤 reference (排骨萝卜汤)', () => {
    // 0.08×12.31 + 0.15×0.43 + 0.4×0 + 0.005×0.43 + 0.003×0.2 + 0.638×0.4
    // = 0.9848 + 0.0645 + 0 + 0.00215 + 0.0006 + 0.2552 = 1.30725
    const soup = getBaseline('汤');
    expect(calculateDishCarbon({ category: '汤', ...soup.referenceRecipe! }).precise.value).toBeCloseTo(1.30725, 10);
  });

  it('resolves aliases and falls back to the default for unknown categories', () => {
    expect(getBaseline('热菜').category).toBe('main');
    expect(getBaseline(' 汤品 ').category).toBe('soup');
    expect(getBaseline('主食').value).toBe(1.4);
    expect(getBaseline('凉菜').value).toBe(1.1);
    expect(getBaseline('饮品').value).toBe(1.2);
    expect(getBaseline('小吃').value).toBe(0.9);
    expect(getBaseline('季节限定').category).toBe('default');
    expect(getBaseline(undefined).category).toBe('default');
    expect(getBaseline('default').value).toBe(getBaseline('主菜').value);
  });

  it('keeps every baseline positive (reduction percentages divide by it)', () => {
    for (const b of BASELINES) expect(b.value).toBeGreaterThan(0);
  });
});
