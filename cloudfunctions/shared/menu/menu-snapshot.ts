import type { MenuItemDoc } from './menu-item';

/**
 * The diner's menu of one store, compiled into ONE document (`menu_snapshots/{storeId}`) whenever
 * the menu changes, so that a 200-dish menu is one read (CloudBase returns at most 100 records a
 * get). Pure: built from the categories, the menu items, the store's name and the member levels.
 */
export interface CategoryDoc {
  _id: string;
  storeId: string;
  name: string;
  station: 'hot' | 'cold' | 'drinks';
  displayOrder: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

export interface SnapshotDish {
  dishId: string;
  itemId: string;
  name: string;
  categoryId: string;
  categoryName: string;
  station: 'hot' | 'cold' | 'drinks';
  priceFen: number;
  imageFileID: string;
  description: string;
  carbon: {
    value: number;
    baseline: number;
    reductionPercent: number;
    level: 'low' | 'medium' | 'high';
    icon: string;
    levelText: string;
    certification: string | null;
  } | null;
  /** why the carbon is 待计算; '' when computed */
  carbonPending: string;
  calories: number | null;
  allergens: string[];
  soldOut: boolean;
  mealTimes: string[];
  soldByWeight: boolean;
  weightUnit: 'jin' | 'kg' | null;
  displayOrder: number;
}

export interface MenuSnapshotDoc {
  _id: string;
  storeId: string;
  storeName: string;
  version: number;
  /** set by a POS menu sync or a staff edit; the next read rebuilds */
  stale: boolean;
  categories: { _id: string; name: string; station: 'hot' | 'cold' | 'drinks'; displayOrder: number }[];
  dishes: SnapshotDish[];
  levels: { code: string; name: string; minPoints: number; discountPermille: number }[];
  builtAt: Date | string;
}

/** Categories named by POS-synced dishes that staff have not created: one per name. */
const posCategoryId = (name: string) => `pos:${name}`;

export function buildMenuSnapshot(input: {
  storeId: string;
  storeName: string;
  version: number;
  categories: readonly CategoryDoc[];
  items: readonly MenuItemDoc[];
  levels: MenuSnapshotDoc['levels'];
  at: Date;
}): MenuSnapshotDoc {
  const categories = [...input.categories]
    .sort((a, b) => a.displayOrder - b.displayOrder || a._id.localeCompare(b._id))
    .map((c) => ({ _id: c._id, name: c.name, station: c.station, displayOrder: c.displayOrder }));
  const byId = new Map(categories.map((c) => [c._id, c]));
  const byName = new Map(categories.map((c) => [c.name, c]));
  const dishes: SnapshotDish[] = [];
  for (const item of input.items) {
    if (item.status !== 'active') continue;
    let category = (item.categoryId && byId.get(item.categoryId)) || byName.get(item.category);
    if (!category) {
      category = { _id: posCategoryId(item.category || '其他'), name: item.category || '其他', station: 'hot', displayOrder: 100_000 };
      categories.push(category);
      byId.set(category._id, category);
      byName.set(category.name, category);
    }
    const carbon = item.carbon
      ? {
          value: item.carbon.value,
          baseline: item.carbon.baseline,
          reductionPercent: item.carbon.reductionPercent,
          level: item.carbon.carbonLevel,
          icon: item.carbon.label.icon,
          levelText: item.carbon.label.description,
          certification: item.carbon.certification,
        }
      : null;
    dishes.push({
      dishId: item._id,
      itemId: item.itemId,
      name: item.itemName,
      categoryId: category._id,
      categoryName: category.name,
      station: category.station,
      priceFen: item.priceFen,
      imageFileID: item.imageFileID ?? '',
      description: item.description ?? '',
      carbon,
      carbonPending: carbon ? '' : (item.carbonError?.message ?? '未填写食材'),
      calories: item.calories ?? null,
      allergens: item.allergens ?? [],
      soldOut: item.soldOut ?? false,
      mealTimes: item.mealTimes ?? [],
      soldByWeight: item.soldByWeight ?? false,
      weightUnit: item.soldByWeight ? (item.weightUnit ?? 'jin') : null,
      displayOrder: item.displayOrder ?? 0,
    });
  }
  const order = new Map(categories.map((c, i) => [c._id, i]));
  dishes.sort((a, b) => (order.get(a.categoryId) ?? 0) - (order.get(b.categoryId) ?? 0) || a.displayOrder - b.displayOrder || a.dishId.localeCompare(b.dishId));
  return {
    _id: input.storeId,
    storeId: input.storeId,
    storeName: input.storeName,
    version: input.version,
    stale: false,
    categories,
    dishes,
    levels: input.levels,
    builtAt: input.at,
  };
}
