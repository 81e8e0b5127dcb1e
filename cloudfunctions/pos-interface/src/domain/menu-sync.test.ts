import { carbonLabelChanged, planMenuSync, toMenuItemDoc } from './menu-sync';

const now = new Date('2025-01-15T10:30:00Z');
const dish = (itemId: string, patch: Record<string, unknown> = {}) => ({
  itemId,
  itemName: '清炒时蔬',
  category: '素菜',
  price: 22,
  ingredients: [{ ingredientName: '青菜', quantity: 250, unit: 'g' }],
  cookingMethod: 'stir_fried',
  ...patch,
});

describe('planMenuSync', () => {
  it('validates item by item: bad ones are reported with their field, the rest go on', () => {
    const plan = planMenuSync([dish('a'), dish('b', { price: 'free' }), { itemName: 'x' }, dish('a')], now);
    expect(plan.valid.map((v) => v.input.itemId)).toEqual(['a']);
    expect(plan.failedItems).toEqual([
      { itemId: 'b', reason: expect.stringContaining('price') },
      { itemId: '#2', reason: expect.stringContaining('itemId') },
      { itemId: 'a', reason: '同一次推送中 itemId 重复' },
    ]);
  });

  it('computes L1 without ingredients, L2 with, and keeps a dish with an unknown ingredient (carbon pending)', () => {
    const plan = planMenuSync(
      [dish('l1', { ingredients: undefined }), dish('l2'), dish('odd', { ingredients: [{ ingredientName: '龙涎香', quantity: 1, unit: 'g' }] })],
      now,
    );
    expect(plan.valid.map((v) => v.carbon?.calculationLevel ?? v.carbonError?.code)).toEqual(['L1', 'L2', 'UNKNOWN_INGREDIENT']);
  });
});

describe('carbonLabelChanged', () => {
  it('is true for a first label and for a level change, false for the same figures', () => {
    const [a] = planMenuSync([dish('a')], now).valid;
    const [beef] = planMenuSync([dish('a', { ingredients: [{ ingredientName: '牛肉', quantity: 150, unit: 'g' }] })], now).valid;
    const before = toMenuItemDoc('s1', a, now);
    expect(carbonLabelChanged(undefined, before)).toBe(true);
    expect(carbonLabelChanged(before, toMenuItemDoc('s1', a, now))).toBe(false);
    expect(carbonLabelChanged(before, toMenuItemDoc('s1', beef, now))).toBe(true);
  });
});
