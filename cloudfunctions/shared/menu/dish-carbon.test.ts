import { computeDishCarbon } from './dish-carbon';

const at = new Date('2026-12-04T12:00:00Z');

describe('computeDishCarbon', () => {
  it('computes footprint, baseline and level from the ingredients', () => {
    const outcome = computeDishCarbon({ categoryName: '主菜', ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }], at });
    expect(outcome.carbonError).toBeNull();
    expect(outcome.carbon).toMatchObject({ calculationLevel: 'L2', carbonLevel: expect.stringMatching(/low|medium|high/) });
    expect(outcome.carbon!.value).toBeGreaterThan(0);
    expect(outcome.carbon!.baseline).toBeGreaterThan(0);
  });

  it('leaves an unknown ingredient 待计算 with its name, never a guessed number', () => {
    const outcome = computeDishCarbon({ categoryName: '主菜', ingredients: [{ ingredientName: '松茸王', quantity: 100, unit: 'g' }], at });
    expect(outcome.carbon).toBeNull();
    expect(outcome.carbonError).toMatchObject({ code: 'UNKNOWN_INGREDIENT' });
    expect(outcome.carbonError!.message).toContain('松茸王');
  });

  it('leaves a dish without ingredients 待计算 (no category default)', () => {
    expect(computeDishCarbon({ categoryName: '主菜', ingredients: [], at })).toEqual({
      carbon: null,
      carbonError: { code: 'NO_INGREDIENTS', message: '未填写食材' },
    });
  });
});
