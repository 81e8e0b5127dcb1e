import { calculateDishCarbon, CarbonCalculationError } from './carbon';
import type { StoredDishCarbon } from './menu-item';

/**
 * A dish's carbon from its ingredients, as saved on the menu item: the engine's result, or — when
 * an ingredient (or its unit) is unknown — no figure and the reason (shown as 待计算). Nothing is
 * guessed: a dish without ingredients or with an unknown one never falls back to a category default.
 */
export type DishCarbonOutcome = { carbon: StoredDishCarbon; carbonError: null } | { carbon: null; carbonError: { code: string; message: string } };

export function computeDishCarbon(input: {
  /** the category as the restaurant names it (主菜, 汤 …): the engine picks the baseline */
  categoryName: string;
  ingredients: readonly { ingredientName: string; quantity: number; unit: string }[];
  cookingMethod?: string;
  at: Date;
}): DishCarbonOutcome {
  if (input.ingredients.length === 0) return { carbon: null, carbonError: { code: 'NO_INGREDIENTS', message: '未填写食材' } };
  try {
    const { breakdown: _breakdown, ...result } = calculateDishCarbon({
      category: input.categoryName,
      ingredients: input.ingredients,
      ...(input.cookingMethod ? { cookingMethod: input.cookingMethod } : {}),
    });
    return { carbon: { ...result, computedAt: input.at }, carbonError: null };
  } catch (error) {
    if (error instanceof CarbonCalculationError) return { carbon: null, carbonError: { code: error.code, message: error.message } };
    throw error;
  }
}
