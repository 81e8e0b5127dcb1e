import type { PageStatus } from '../../../../components/page-state/index';
import { isApiError } from '../../../../services/errors';
import { toast, toastError } from '../../../../utils/feedback';
import { yuanTextToFen } from '../../../../utils/format';
import { CARBON_LEVEL_LABELS, CARBON_LEVEL_THEMES, carbonLine, MEAL_TIME_LABELS, WEIGHT_UNIT_LABELS } from '../../../../utils/labels/ordering';
import { errorState } from '../../../../utils/page-error';
import { listCategories, listDishes, saveDish, type DishFields, type DishView, type MealTime, type WeightUnit } from '../../../services/ordering';

interface IngredientRow {
  key: number;
  name: string;
  quantity: string;
  unit: string;
}

interface Form {
  itemId: string;
  name: string;
  price: string;
  calories: string;
  allergens: string;
  displayOrder: string;
  description: string;
  soldOut: boolean;
  soldByWeight: boolean;
  weightUnit: WeightUnit;
  categoryId: string;
  mealTimes: MealTime[];
  imageFileID: string;
  ingredients: IngredientRow[];
}

const MEAL_TIMES: MealTime[] = ['breakfast', 'lunch', 'afternoon', 'dinner', 'late_night'];
const WEIGHT_UNITS: WeightUnit[] = ['jin', 'kg'];

let nextKey = 1;
const ingredientRow = (name = '', quantity = '', unit = 'g'): IngredientRow => ({ key: nextKey++, name, quantity, unit });

const emptyForm = (): Form => ({
  itemId: '',
  name: '',
  price: '',
  calories: '',
  allergens: '',
  displayOrder: '0',
  description: '',
  soldOut: false,
  soldByWeight: false,
  weightUnit: 'jin',
  categoryId: '',
  mealTimes: [],
  imageFileID: '',
  ingredients: [ingredientRow()],
});

function formOf(dish: DishView): Form {
  return {
    itemId: dish.itemId,
    name: dish.name,
    price: (dish.priceFen / 100).toFixed(2),
    calories: dish.calories === null ? '' : String(dish.calories),
    allergens: dish.allergens.join(','),
    displayOrder: String(dish.displayOrder),
    description: dish.description,
    soldOut: dish.soldOut,
    soldByWeight: dish.soldByWeight,
    weightUnit: dish.weightUnit ?? 'jin',
    categoryId: dish.categoryId,
    mealTimes: [...dish.mealTimes],
    imageFileID: dish.imageFileID,
    ingredients: dish.ingredients.length ? dish.ingredients.map((line) => ingredientRow(line.name, String(line.quantity), line.unit)) : [ingredientRow()],
  };
}

/** The form as the contract's saveDish input, or the first thing wrong with it (Chinese). */
function fieldsOf(form: Form): DishFields | string {
  const name = form.name.trim();
  if (!name) return '请填写菜品名称';
  const priceFen = yuanTextToFen(form.price);
  if (priceFen === null) return '价格格式不正确（元，最多两位小数）';
  if (!form.categoryId) return '请选择分类';
  const ingredients = [];
  for (const row of form.ingredients) {
    if (!row.name.trim() && !row.quantity.trim()) continue;
    const quantity = Number(row.quantity);
    if (!row.name.trim() || !(quantity > 0)) return `食材「${row.name.trim() || '未命名'}」需要名称和大于 0 的用量`;
    ingredients.push({ name: row.name.trim(), quantity, unit: row.unit.trim() || 'g' });
  }
  const calories = form.calories.trim() === '' ? null : Number(form.calories);
  if (calories !== null && !(Number.isInteger(calories) && calories >= 0)) return '热量必须是非负整数';
  return {
    ...(form.itemId ? { itemId: form.itemId } : {}),
    name,
    categoryId: form.categoryId,
    priceFen,
    imageFileID: form.imageFileID,
    description: form.description.trim(),
    ingredients,
    calories,
    allergens: form.allergens
      .split(/[,，、]/)
      .map((item) => item.trim())
      .filter(Boolean),
    soldOut: form.soldOut,
    displayOrder: Math.max(0, Math.floor(Number(form.displayOrder) || 0)),
    mealTimes: form.mealTimes,
    soldByWeight: form.soldByWeight,
    weightUnit: form.soldByWeight ? form.weightUnit : null,
  };
}

/**
 * 编辑菜品 (`?storeId=&dishId=`; no dishId: a new dish), managers: name, category, price (per 斤 /
 * 公斤 for a weighed dish), ingredients with quantities, calories, allergens, meal times, sold-out,
 * order. The carbon engine runs on save; the page then shows the footprint, or 待计算 and which
 * ingredient is unknown (never a guess).
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorText: '',
    retryable: true,
    storeId: '',
    dishId: '',
    form: emptyForm(),
    categories: [] as { value: string; label: string }[],
    mealTimes: MEAL_TIMES.map((value) => ({ value, label: MEAL_TIME_LABELS[value] })),
    weightUnits: WEIGHT_UNITS.map((value) => ({ value, label: WEIGHT_UNIT_LABELS[value] })),
    unitLabel: WEIGHT_UNIT_LABELS.jin,
    carbon: '',
    carbonTag: '',
    carbonTheme: 'default',
    formError: '',
    saving: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    const storeId = query.storeId ?? '';
    this.setData({ storeId, dishId: query.dishId ?? '' });
    if (!storeId) {
      this.setData({ status: 'error', errorText: '缺少门店参数', retryable: false });
      return;
    }
    wx.setNavigationBarTitle({ title: query.dishId ? '编辑菜品' : '新增菜品' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    try {
      const [categories, dishes] = await Promise.all([listCategories(this.data.storeId), this.data.dishId ? listDishes(this.data.storeId) : null]);
      const options = [...categories].sort((a, b) => a.displayOrder - b.displayOrder).map((category) => ({ value: category._id, label: category.name }));
      this.setData({ categories: options });
      if (!this.data.dishId) {
        this.setData({ status: 'ready', form: { ...emptyForm(), categoryId: options[0]?.value ?? '' } });
        return;
      }
      const dish = dishes?.items.find((candidate) => candidate._id === this.data.dishId);
      if (!dish) {
        this.setData({ status: 'error', errorText: '菜品不存在或已下架', retryable: false });
        return;
      }
      this.show(dish);
      this.setData({ status: 'ready' });
    } catch (error) {
      this.setData(errorState(error));
    }
  },

  show(dish: DishView) {
    const carbon = dish.carbon;
    this.setData({
      dishId: dish._id,
      form: formOf(dish),
      unitLabel: WEIGHT_UNIT_LABELS[dish.weightUnit ?? 'jin'],
      carbon: carbonLine(carbon),
      carbonTag: carbon.status === 'computed' ? CARBON_LEVEL_LABELS[carbon.level] : '待计算',
      carbonTheme: carbon.status === 'computed' ? CARBON_LEVEL_THEMES[carbon.level] : 'default',
    });
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { field: keyof Form }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
  },

  onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, WechatMiniprogram.IAnyObject, { field: 'soldOut' | 'soldByWeight' }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
  },

  onWeightUnit(e: WechatMiniprogram.CustomEvent<{ value: WeightUnit }>) {
    this.setData({ 'form.weightUnit': e.detail.value, unitLabel: WEIGHT_UNIT_LABELS[e.detail.value] });
  },

  onCategory(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.categoryId': e.detail.value });
  },

  onMealTimes(e: WechatMiniprogram.CustomEvent<{ value: MealTime[] }>) {
    this.setData({ 'form.mealTimes': e.detail.value });
  },

  onIngredient(e: WechatMiniprogram.CustomEvent<{ value: string }, WechatMiniprogram.IAnyObject, { index: number; field: 'name' | 'quantity' | 'unit' }>) {
    const { index, field } = e.currentTarget.dataset;
    this.setData({ [`form.ingredients[${index}].${field}`]: e.detail.value, formError: '' });
  },

  onAddIngredient() {
    this.setData({ 'form.ingredients': [...this.data.form.ingredients, ingredientRow()] });
  },

  onRemoveIngredient(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { index: number }>) {
    const rows = this.data.form.ingredients.filter((_row, index) => index !== Number(e.currentTarget.dataset.index));
    this.setData({ 'form.ingredients': rows.length ? rows : [ingredientRow()] });
  },

  async onSave() {
    if (this.data.saving) return;
    const fields = fieldsOf(this.data.form);
    if (typeof fields === 'string') {
      this.setData({ formError: fields });
      return;
    }
    this.setData({ saving: true, formError: '' });
    try {
      const dish = await saveDish(this.data.storeId, fields);
      this.show(dish);
      toast(this, dish.carbon.status === 'computed' ? '已保存，碳足迹已计算' : '已保存，碳足迹待计算', 'success');
    } catch (error) {
      // a refused field (4xx with its path) belongs next to the form; anything else is a toast
      if (isApiError(error) && error.code >= 40000 && error.code < 50000) this.setData({ formError: error.message });
      else toastError(this, error);
    } finally {
      this.setData({ saving: false });
    }
  },
});
