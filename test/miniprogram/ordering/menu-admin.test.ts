/**
 * 菜品管理 and 编辑菜品 (admin/pages/dishes/*) with the transport boundary stubbed: dishes by
 * category with carbon or 待计算, the sold-out switch, and saving a dish with ingredients, after
 * which the page shows the carbon the engine computed (or 待计算 and why).
 */
import { mountPage, StubFailure, stubFunctions, wxMock } from '../support/harness';
import { clerkSession, managerSession } from '../support/sessions';

const oneStore = { items: [{ _id: 's1', name: '一号店', address: 'A 路' }], total: 1, page: 1, pageSize: 100, hasMore: false };
const categories = [
  { _id: 'c-hot', storeId: 's1', name: '热菜', station: 'hot', displayOrder: 1, updatedAt: '2026-12-04T00:00:00.000Z' },
  { _id: 'c-sea', storeId: 's1', name: '海鲜', station: 'hot', displayOrder: 2, updatedAt: '2026-12-04T00:00:00.000Z' },
];
const computed = {
  status: 'computed',
  kgCo2e: 0.42,
  baselineKg: 1.2,
  reductionPercent: 65,
  level: 'low',
  icon: 'https://x/label-low.png',
  levelText: '低碳排放菜品',
  certification: '气候友好',
};
const pending = { status: 'pending', levelText: '待计算', reason: '未知食材：松茸' };

const dish = (fields: Record<string, unknown> = {}) => ({
  _id: 's1:tofu',
  storeId: 's1',
  itemId: 'tofu',
  name: '素麻婆豆腐',
  categoryId: 'c-hot',
  categoryName: '热菜',
  priceFen: 2800,
  imageFileID: '',
  description: '',
  ingredients: [{ name: '豆腐', quantity: 200, unit: 'g' }],
  carbon: computed,
  calories: 320,
  allergens: ['大豆'],
  soldOut: false,
  displayOrder: 1,
  mealTimes: [],
  soldByWeight: false,
  weightUnit: null,
  status: 'active',
  source: 'platform',
  updatedAt: '2026-12-04T00:00:00.000Z',
  ...fields,
});

const page1 = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 100, hasMore: false });

function stub(session: unknown, ordering: Record<string, (payload: any) => unknown>) {
  stubFunctions({
    member: { getSession: () => session },
    admin: { listMyStores: () => oneStore },
    ordering: { listCategories: () => categories, ...ordering },
  });
}

describe('菜品管理', () => {
  it('lists dishes by category with price and carbon, 待计算 with its reason, weighed prices', async () => {
    stub(managerSession, {
      listDishes: () =>
        page1([
          dish(),
          dish({ _id: 's1:mush', itemId: 'mush', name: '松茸炖鸡', priceFen: 8800, carbon: pending }),
          dish({ _id: 's1:fish', itemId: 'fish', name: '清蒸鲈鱼', categoryId: 'c-sea', priceFen: 8800, soldByWeight: true, weightUnit: 'jin', soldOut: true }),
        ]),
    });
    const page = await mountPage('admin/pages/dishes/list/index');
    await page.waitForText('素麻婆豆腐');
    const text = page.text();
    expect(text).toContain('一号店');
    expect(text).toContain('热菜');
    expect(text).toContain('¥28.00 · 低碳 0.42 kg CO₂e · 较基准少 65%');
    expect(text).toContain('¥88.00 · 待计算（未知食材：松茸）');
    expect(text).toContain('海鲜');
    expect(text).toContain('¥88.00/斤');
    expect(text).toContain('已售罄');
    expect(text).toContain('新增菜品');
  });

  it('the sold-out switch (any staff) calls setDishSoldOut; clerks cannot open the editor', async () => {
    const setDishSoldOut = jest.fn((payload: { soldOut: boolean }) => dish({ soldOut: payload.soldOut }));
    stub(clerkSession, { listDishes: () => page1([dish()]), setDishSoldOut });
    const page = await mountPage('admin/pages/dishes/list/index');
    await page.waitForText('素麻婆豆腐');
    expect(page.text()).not.toContain('新增菜品');
    await page.instance.onSoldOutChange({ detail: { value: false }, currentTarget: { dataset: { id: 's1:tofu' } } });
    await page.waitForText('素麻婆豆腐 已售罄');
    expect(setDishSoldOut).toHaveBeenCalledWith({ storeId: 's1', dishId: 's1:tofu', soldOut: true }, expect.anything());
    await page.tapText('素麻婆豆腐');
    expect(wxMock().callsOf('navigateTo')).toEqual([]);
  });

  it('a manager’s tap opens the editor for that dish', async () => {
    stub(managerSession, { listDishes: () => page1([dish()]) });
    const page = await mountPage('admin/pages/dishes/list/index');
    await page.waitForText('素麻婆豆腐');
    await page.tapText('素麻婆豆腐');
    await page.waitFor(() => wxMock().callsOf('navigateTo').length === 1, 'navigateTo');
    expect(wxMock().callsOf('navigateTo')[0]).toMatchObject({ url: '/admin/pages/dishes/edit/index?storeId=s1&dishId=s1%3Atofu' });
  });
});

describe('编辑菜品', () => {
  it('a new dish with an unknown ingredient saves and shows 待计算 with the reason (never a guess)', async () => {
    const saveDish = jest.fn((_payload: Record<string, unknown>) =>
      dish({ _id: 's1:mush', itemId: 'mush', name: '松茸炖鸡', priceFen: 8800, carbon: pending, ingredients: [{ name: '松茸', quantity: 50, unit: 'g' }] }),
    );
    stub(managerSession, { saveDish });
    const page = await mountPage('admin/pages/dishes/edit/index', { query: { storeId: 's1' } });
    await page.waitForText('食材与用量');
    page.instance.onField({ detail: { value: '松茸炖鸡' }, currentTarget: { dataset: { field: 'name' } } });
    page.instance.onField({ detail: { value: '88' }, currentTarget: { dataset: { field: 'price' } } });
    page.instance.onIngredient({ detail: { value: '松茸' }, currentTarget: { dataset: { index: 0, field: 'name' } } });
    page.instance.onIngredient({ detail: { value: '50' }, currentTarget: { dataset: { index: 0, field: 'quantity' } } });
    await page.tapText('保存');
    await page.waitForText('未知食材：松茸');
    expect(saveDish).toHaveBeenCalledWith(
      expect.objectContaining({
        storeId: 's1',
        name: '松茸炖鸡',
        categoryId: 'c-hot',
        priceFen: 8800,
        ingredients: [{ name: '松茸', quantity: 50, unit: 'g' }],
        soldByWeight: false,
        weightUnit: null,
      }),
      expect.anything(),
    );
    expect(saveDish.mock.calls[0][0]).not.toHaveProperty('itemId');
    expect(page.text()).toContain('碳足迹（按食材用量计算）');
    expect(page.text()).toContain('待计算');
  });

  it('editing a dish keeps its item id; the computed carbon shows after save; a weighed dish sends its unit', async () => {
    const saveDish = jest.fn((payload: Record<string, unknown>) => dish({ ...payload, _id: 's1:tofu', carbon: { ...computed, kgCo2e: 0.5, level: 'medium' } }));
    stub(managerSession, { listDishes: () => page1([dish()]), saveDish });
    const page = await mountPage('admin/pages/dishes/edit/index', { query: { storeId: 's1', dishId: 's1:tofu' } });
    await page.waitForText('低碳 0.42 kg CO₂e');
    expect(page.data.form).toMatchObject({ name: '素麻婆豆腐', price: '28.00', allergens: '大豆', calories: '320' });
    page.instance.onSwitch({ detail: { value: true }, currentTarget: { dataset: { field: 'soldByWeight' } } });
    await page.tapText('公斤');
    await page.tapText('保存');
    await page.waitForText('中碳 0.50 kg CO₂e');
    expect(saveDish).toHaveBeenCalledWith(
      expect.objectContaining({ itemId: 'tofu', soldByWeight: true, weightUnit: 'kg', allergens: ['大豆'], calories: 320 }),
      expect.anything(),
    );
  });

  it('checks the form before sending and shows a refused field next to it', async () => {
    const saveDish = jest.fn(() => new StubFailure(40001, 'priceFen: 金额过大'));
    stub(managerSession, { saveDish });
    const page = await mountPage('admin/pages/dishes/edit/index', { query: { storeId: 's1' } });
    await page.waitForText('食材与用量');
    await page.tapText('保存');
    await page.waitForText('请填写菜品名称');
    page.instance.onField({ detail: { value: '豆腐' }, currentTarget: { dataset: { field: 'name' } } });
    page.instance.onField({ detail: { value: '12.345' }, currentTarget: { dataset: { field: 'price' } } });
    await page.tapText('保存');
    await page.waitForText('价格格式不正确');
    expect(saveDish).not.toHaveBeenCalled();
    page.instance.onField({ detail: { value: '99999999' }, currentTarget: { dataset: { field: 'price' } } });
    await page.tapText('保存');
    await page.waitForText('priceFen: 金额过大');
  });
});
