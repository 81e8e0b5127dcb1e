import { calculateDishCarbon, MAX_SUPPLIER_FACTOR } from './carbon';
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

  it(`bounds supplier factors to 0–${MAX_SUPPLIER_FACTOR} kg CO₂e/kg: 1e308 is a per-item failure naming the field`, () => {
    const tofu = { ingredients: [{ ingredientName: '豆腐', quantity: 100_000, unit: 'g' }] };
    const plan = planMenuSync(
      [
        dish('huge', { ...tofu, supplierFactors: { 豆腐: { factor: 1e308, source: '某厂' } } }),
        dish('edge', { ...tofu, supplierFactors: { 豆腐: { factor: MAX_SUPPLIER_FACTOR, source: '某厂' } } }),
        dish('ok'),
      ],
      now,
    );
    expect(plan.failedItems).toEqual([{ itemId: 'huge', reason: expect.stringContaining('supplierFactors.豆腐.factor') }]);
    expect(plan.valid.map((v) => [v.input.itemId, v.carbon?.calculationLevel])).toEqual([
      ['edge', 'L3'],
      ['ok', 'L2'],
    ]);
  });

  it('an engine failure on one item (not a recipe problem) fails that item only, never the whole sync', () => {
    const flaky: typeof calculateDishCarbon = (input) => {
      if (input.category === '爆炸') throw new RangeError('无法舍入非有限数: Infinity');
      return calculateDishCarbon(input);
    };
    const plan = planMenuSync([dish('a'), dish('boom', { category: '爆炸' }), dish('c')], now, flaky);
    expect(plan.valid.map((v) => v.input.itemId)).toEqual(['a', 'c']);
    expect(plan.failedItems).toEqual([{ itemId: 'boom', reason: expect.stringContaining('碳足迹计算失败') }]);
  });
});

describe('supplier factor bound in the engine (stored recipes bypass the schema)', () => {
  it('refuses a factor above the bound as INVALID_SUPPLIER_FACTOR', () => {
    const input = { category: '主菜', ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }] };
    expect(() => calculateDishCarbon({ ...input, supplierFactors: { 豆腐: { factor: 1e308, source: 'x' } } })).toThrow(
      expect.objectContaining({ code: 'INVALID_SUPPLIER_FACTOR' }),
    );
    expect(calculateDishCarbon({ ...input, supplierFactors: { 豆腐: { factor: MAX_SUPPLIER_FACTOR, source: 'x' } } }).calculationLevel).toBe('L3');
  });
});

describe('carbonLabelChanged', () => {
  const [a] = planMenuSync([dish('a')], now).valid;
  const before = toMenuItemDoc('s1', a, now);
  const withCarbon = (patch: Record<string, unknown>) => ({ ...before, carbon: { ...before.carbon!, ...patch } });

  it('is true for a first label and for a level change, false for the same figures', () => {
    const [beef] = planMenuSync([dish('a', { ingredients: [{ ingredientName: '牛肉', quantity: 150, unit: 'g' }] })], now).valid;
    expect(carbonLabelChanged(undefined, before)).toBe(true);
    expect(carbonLabelChanged(before, toMenuItemDoc('s1', a, now))).toBe(false);
    expect(carbonLabelChanged(before, toMenuItemDoc('s1', beef, now))).toBe(true);
  });

  it('a new footprint under the same label is no label change; certification, icon or description changes are', () => {
    expect(carbonLabelChanged(before, withCarbon({ value: before.carbon!.value + 0.01, reduction: 0.5 }))).toBe(false);
    expect(carbonLabelChanged(before, withCarbon({ certification: before.carbon!.certification ? null : '气候友好' }))).toBe(true);
    expect(carbonLabelChanged(before, withCarbon({ label: { ...before.carbon!.label, icon: 'https://cdn.example/new-low.png' } }))).toBe(true);
    expect(carbonLabelChanged(before, withCarbon({ label: { ...before.carbon!.label, description: '新文案' } }))).toBe(true);
  });

  it('a dish whose carbon was pending gets its first label; a dish losing its carbon raises nothing', () => {
    const pending = { ...before, carbon: null };
    expect(carbonLabelChanged(pending, before)).toBe(true);
    expect(carbonLabelChanged(before, pending)).toBe(false);
  });
});

describe('supplier factor names', () => {
  it('a name the database cannot store as a field (".", leading "$") fails the item with the field path', () => {
    const tofu = { ingredients: [{ ingredientName: '豆腐', quantity: 200, unit: 'g' }] };
    const plan = planMenuSync(
      [
        dish('dot', { ...tofu, supplierFactors: { '豆.腐': { factor: 1, source: '某厂' } } }),
        dish('dollar', { ...tofu, supplierFactors: { $gt: { factor: 1, source: '某厂' } } }),
        dish('fine', { ...tofu, supplierFactors: { 豆腐: { factor: 1, source: '某厂' }, '有机 豆腐$': { factor: 1, source: '某厂' } } }),
      ],
      now,
    );
    expect(plan.failedItems).toEqual([
      { itemId: 'dot', reason: expect.stringMatching(/supplierFactors\.豆\.腐 .*不能包含/) },
      { itemId: 'dollar', reason: expect.stringMatching(/supplierFactors\.\$gt .*\$/) },
    ]);
    expect(plan.valid.map((v) => v.input.itemId)).toEqual(['fine']);
  });

  it('lists every itemId of the request, including the ones that failed, for full-sync deactivation', () => {
    const plan = planMenuSync([dish('ok'), dish('bad', { price: 'free' }), { itemId: ' padded ' }, { itemName: 'no id' }], now);
    expect(plan.requestedItemIds).toEqual(['ok', 'bad', 'padded']);
  });
});
