import { randomBytes } from 'node:crypto';
import type { CategoryView, DinerMenu, DishView, KitchenStation, MealTime, SaveDishInput } from '../../../../typings/api/ordering';
import type { Page } from '../../../../typings/api/common';
import { AppError } from '../../../shared/kit';
import {
  computeDishCarbon,
  countItemsInCategory,
  currentMenuSnapshot,
  enqueuePosPushNow,
  findCategory,
  findMenuItem,
  listCategoryDocs,
  listMenuItems,
  menuItemDocId,
  readMenuSnapshot,
  rebuildMenuSnapshot,
  removeCategory,
  updateMenuItemFields,
  writeCategory,
  writeMenuItem,
  type CategoryDoc,
  type MenuItemDoc,
} from '../../../shared/menu';
import { findById, toPage } from '../../../shared/repositories/database';
import { Collections } from '../../../shared/collections';
import { levelForPoints } from '../../../shared/members/levels';
import { mealTimeAt, servedAt } from '../domain/meal-time';
import { carbonView, toCategoryView, toDishView, unitText } from '../domain/table-views';
import { Errors } from '../errors';

/**
 * Staff menu management and the diner's menu. One menu per store (`menu_items`, shared with the
 * POS menu sync, through the menu kernel). Which side wins: every write stamps `updatedAt`; a POS
 * sync older than a staff edit of the same dish does not overwrite it (pos-interface records the
 * conflict in the sync log). Each staff edit rebuilds the diner's snapshot and queues a push of
 * the dish to the store's POS (pos_push_queue, drained by pos-interface's timer).
 */

async function afterMenuChange(storeId: string, dishId: string | null, at: Date): Promise<void> {
  await rebuildMenuSnapshot(storeId, await readMenuSnapshot(storeId), at);
  if (dishId) await enqueuePosPushNow({ _id: `menu:${dishId}:${at.getTime()}`, kind: 'menu.changed', storeId, subjectId: dishId, createdAt: at });
}

export async function listCategories(storeId: string): Promise<CategoryView<Date>[]> {
  return (await listCategoryDocs(storeId)).map(toCategoryView);
}

export async function saveCategory(
  input: { storeId: string; categoryId?: string; name: string; station: KitchenStation; displayOrder: number },
  at = new Date(),
): Promise<CategoryView<Date>> {
  const existing = input.categoryId ? await findCategory(input.categoryId) : null;
  if (input.categoryId && (!existing || existing.storeId !== input.storeId))
    throw new AppError(Errors.CATEGORY_NOT_FOUND, { details: { field: 'categoryId' } });
  const doc: CategoryDoc = {
    _id: existing?._id ?? `cat_${randomBytes(6).toString('hex')}`,
    storeId: input.storeId,
    name: input.name,
    station: input.station,
    displayOrder: input.displayOrder,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await writeCategory(doc, !!existing);
  await afterMenuChange(input.storeId, null, at);
  return toCategoryView(doc);
}

export async function deleteCategory(input: { storeId: string; categoryId: string }, at = new Date()): Promise<{ deleted: true; categoryId: string }> {
  const existing = await findCategory(input.categoryId);
  if (!existing || existing.storeId !== input.storeId) throw new AppError(Errors.CATEGORY_NOT_FOUND, { details: { field: 'categoryId' } });
  if ((await countItemsInCategory(input.storeId, input.categoryId)) > 0) throw new AppError(Errors.CATEGORY_IN_USE, { details: { field: 'categoryId' } });
  await removeCategory(input.categoryId);
  await afterMenuChange(input.storeId, null, at);
  return { deleted: true, categoryId: input.categoryId };
}

export async function listDishes(input: { storeId: string; categoryId?: string; page: number; pageSize: number }): Promise<Page<DishView<Date>>> {
  const [{ items, total }, categories] = await Promise.all([listMenuItems(input), listCategoryDocs(input.storeId)]);
  const names = new Map(categories.map((c) => [c._id, c.name]));
  return toPage(
    items.map((item) => toDishView(item, names.get(item.categoryId ?? '') ?? '')),
    total,
    input,
  );
}

type SaveDish = Omit<SaveDishInput, 'ingredients' | 'allergens' | 'mealTimes'> & {
  ingredients: { name: string; quantity: number; unit: string }[];
  allergens: string[];
  mealTimes: MealTime[];
  imageFileID: string;
  description: string;
  calories: number | null;
  soldOut: boolean;
  displayOrder: number;
  soldByWeight: boolean;
  weightUnit: 'jin' | 'kg' | null;
};

/** Save a dish: carbon computed from its ingredients now (unknown ones → 待计算, never guessed). */
export async function saveDish(input: SaveDish, at = new Date()): Promise<DishView<Date>> {
  const category = await findCategory(input.categoryId);
  if (!category || category.storeId !== input.storeId) throw new AppError(Errors.CATEGORY_NOT_FOUND, { details: { field: 'categoryId' } });
  const itemId = input.itemId ?? `d${randomBytes(5).toString('hex')}`;
  const dishId = menuItemDocId(input.storeId, itemId);
  const existing = input.itemId ? await findMenuItem(dishId) : null;
  const ingredients = input.ingredients.map((i) => ({ ingredientName: i.name, quantity: i.quantity, unit: i.unit }));
  const outcome = computeDishCarbon({ categoryName: category.name, ingredients, cookingMethod: existing?.cookingMethod, at });
  const doc: MenuItemDoc = {
    ...(existing ?? {}),
    _id: dishId,
    storeId: input.storeId,
    itemId,
    itemName: input.name,
    category: category.name,
    categoryId: category._id,
    priceFen: input.priceFen,
    unit: input.soldByWeight ? (input.weightUnit === 'kg' ? '公斤' : '斤') : '份',
    status: 'active',
    ingredients,
    carbon: outcome.carbon,
    carbonError: outcome.carbonError,
    source: 'platform',
    imageFileID: input.imageFileID,
    description: input.description,
    calories: input.calories,
    allergens: input.allergens,
    soldOut: input.soldOut,
    displayOrder: input.displayOrder,
    mealTimes: input.mealTimes,
    soldByWeight: input.soldByWeight,
    weightUnit: input.soldByWeight ? input.weightUnit : null,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await writeMenuItem(doc, !!existing);
  await afterMenuChange(input.storeId, dishId, at);
  return toDishView(doc, category.name);
}

async function storeDish(storeId: string, dishId: string): Promise<MenuItemDoc> {
  const item = await findMenuItem(dishId);
  if (!item || item.storeId !== storeId) throw new AppError(Errors.DISH_NOT_FOUND, { details: { field: 'dishId' } });
  return item;
}

export async function setSoldOut(input: { storeId: string; dishId: string; soldOut: boolean }, at = new Date()): Promise<DishView<Date>> {
  const item = await storeDish(input.storeId, input.dishId);
  await updateMenuItemFields(item._id, { soldOut: input.soldOut, updatedAt: at });
  await afterMenuChange(input.storeId, item._id, at);
  return toDishView({ ...item, soldOut: input.soldOut, updatedAt: at }, item.category);
}

export async function retireDish(input: { storeId: string; dishId: string }, at = new Date()): Promise<DishView<Date>> {
  const item = await storeDish(input.storeId, input.dishId);
  await updateMenuItemFields(item._id, { status: 'inactive', source: 'platform', updatedAt: at });
  await afterMenuChange(input.storeId, item._id, at);
  return toDishView({ ...item, status: 'inactive', updatedAt: at }, item.category);
}

/** The diner's menu in one call: the store's snapshot and the caller's member document (≤ 2 reads when fresh). */
export async function dinerMenu(storeId: string, openid: string | null, at = new Date()): Promise<DinerMenu> {
  const [menu, member] = await Promise.all([
    currentMenuSnapshot(storeId),
    openid ? findById<{ totalEarned?: number }>(Collections.members, openid) : Promise.resolve(null),
  ]);
  if (!menu.storeName && menu.dishes.length === 0) throw new AppError(Errors.DISH_NOT_FOUND, { message: '门店没有菜单', details: { field: 'storeId' } });
  const level = member && menu.levels.length > 0 ? levelForPoints(member.totalEarned ?? 0, menu.levels) : null;
  const permille = level?.discountPermille ?? 1000;
  const usedCategories = new Set(menu.dishes.map((d) => d.categoryId));
  return {
    storeId,
    storeName: menu.storeName,
    mealTime: mealTimeAt(at),
    categories: menu.categories.filter((c) => usedCategories.has(c._id)).map((c) => ({ _id: c._id, name: c.name, displayOrder: c.displayOrder })),
    dishes: menu.dishes.map((d) => ({
      dishId: d.dishId,
      name: d.name,
      categoryId: d.categoryId,
      priceFen: d.priceFen,
      memberPriceFen: d.priceFen - Math.floor((d.priceFen * (1000 - permille)) / 1000),
      imageFileID: d.imageFileID,
      description: d.description,
      carbon: carbonView(d),
      calories: d.calories,
      allergens: d.allergens,
      soldOut: d.soldOut,
      available: servedAt(d.mealTimes, at),
      mealTimes: d.mealTimes as MealTime[],
      soldByWeight: d.soldByWeight,
      weightUnit: d.weightUnit,
      unitText: unitText(d),
    })),
    memberDiscount: permille / 1000,
    memberLevelName: level && permille < 1000 ? level.name : (level?.name ?? null),
    version: menu.version,
  };
}
