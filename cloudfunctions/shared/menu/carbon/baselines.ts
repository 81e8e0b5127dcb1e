/**
 * Baselines: what one serving of the conventional, meat- or dairy-based dish of the same
 * category emits. Reductions and the 气候友好 rule are measured against these.
 *
 * Each value is our own factor table applied to a stated reference recipe (listed below, so
 * the number can be recomputed) and rounded to 0.1 kg: a baseline is a convention, and a
 * second decimal would claim precision the reference recipe does not have. baselines.test.ts
 * recomputes every recipe and fails if the table drifts away from the stated value.
 *
 * Reference recipes, per serving (arithmetic: grams/1000 × factor, then + mass × cooking factor):
 * - 主菜 青椒肉丝: 猪肉 85 g 1.04635 + 青椒 150 g 0.0795 + 食用油 15 g 0.054 + 酱油 10 g 0.0098
 *   + 炒 0.26 kg × 0.1 = 0.026 → 1.21565 → 1.2 (matches the seed design's 主菜 baseline 1.2)
 * - 汤 排骨萝卜汤: 排骨 80 g 0.9848 + 白萝卜 150 g 0.0645 + 水 400 g 0 + 姜 5 g 0.00215 + 盐 3 g 0.0006
 *   + 炖 0.638 kg × 0.4 = 0.2552 → 1.30725 → 1.3
 * - 主食 猪肉蛋炒饭: 米饭 250 g 0.445 + 猪肉 50 g 0.6155 + 鸡蛋 50 g 0.2335 + 食用油 15 g 0.054
 *   + 大葱 10 g 0.005 + 炒 0.375 kg × 0.1 = 0.0375 → 1.3905 → 1.4
 * - 凉菜 口水鸡: 鸡肉 100 g 0.987 + 黄瓜 50 g 0.0265 + 香油 5 g 0.018 + 酱油 10 g 0.0098
 *   + 煮 0.165 kg × 0.2 = 0.033 → 1.0743 → 1.1
 * - 饮品 拿铁: 牛奶 200 ml × 1.03 = 0.206 kg 0.6489 + 咖啡豆 18 g 0.51354 + 白糖 10 g 0.032
 *   + 煮 0.234 kg × 0.2 = 0.0468 → 1.24124 → 1.2
 * - 小吃 猪肉包子: 猪肉 60 g 0.7386 + 面粉 80 g 0.1256 + 大葱 10 g 0.005 + 食用油 5 g 0.018
 *   + 酱油 5 g 0.0049 + 蒸 0.16 kg × 0.2 = 0.032 → 0.9241 → 0.9
 * - default (any other category): the 主菜 baseline, the most common menu entry.
 */
import { lookupKey } from './lookup-key';

export type DishCategory = 'main' | 'soup' | 'staple' | 'cold_dish' | 'drink' | 'snack' | 'default';

export interface ReferenceIngredient {
  ingredientName: string;
  quantity: number;
  unit: string;
}

export interface Baseline {
  category: DishCategory;
  name: string;
  aliases: readonly string[];
  /** kg CO₂e per serving of the conventional dish */
  value: number;
  referenceDish: string;
  referenceRecipe: { ingredients: readonly ReferenceIngredient[]; cookingMethod: string } | null;
}

const g = (ingredientName: string, grams: number): ReferenceIngredient => ({ ingredientName, quantity: grams, unit: 'g' });

export const BASELINES: readonly Baseline[] = [
  {
    category: 'main',
    name: '主菜',
    aliases: ['热菜', '大菜', '主菜类', '招牌菜'],
    value: 1.2,
    referenceDish: '青椒肉丝',
    referenceRecipe: {
      ingredients: [g('猪肉', 85), g('青椒', 150), g('食用油', 15), g('酱油', 10)],
      cookingMethod: 'stir_fried',
    },
  },
  {
    category: 'soup',
    name: '汤',
    aliases: ['汤品', '汤类', '汤羹', '例汤'],
    value: 1.3,
    referenceDish: '排骨萝卜汤',
    referenceRecipe: {
      ingredients: [g('排骨', 80), g('白萝卜', 150), g('水', 400), g('姜', 5), g('盐', 3)],
      cookingMethod: 'stewed',
    },
  },
  {
    category: 'staple',
    name: '主食',
    aliases: ['主食类', '米饭类', '面食', '粉面'],
    value: 1.4,
    referenceDish: '猪肉蛋炒饭',
    referenceRecipe: {
      ingredients: [g('米饭', 250), g('猪肉', 50), g('鸡蛋', 50), g('食用油', 15), g('大葱', 10)],
      cookingMethod: 'stir_fried',
    },
  },
  {
    category: 'cold_dish',
    name: '凉菜',
    aliases: ['冷菜', '凉拌菜', '冷盘'],
    value: 1.1,
    referenceDish: '口水鸡',
    referenceRecipe: {
      ingredients: [g('鸡肉', 100), g('黄瓜', 50), g('香油', 5), g('酱油', 10)],
      cookingMethod: 'boiled',
    },
  },
  {
    category: 'drink',
    name: '饮品',
    aliases: ['饮料', '咖啡', '茶饮', '酒水'],
    value: 1.2,
    referenceDish: '拿铁（牛奶）',
    referenceRecipe: {
      ingredients: [{ ingredientName: '牛奶', quantity: 200, unit: 'ml' }, g('咖啡豆', 18), g('白糖', 10)],
      cookingMethod: 'boiled',
    },
  },
  {
    category: 'snack',
    name: '小吃',
    aliases: ['点心', '小食', '早点'],
    value: 0.9,
    referenceDish: '猪肉包子',
    referenceRecipe: {
      ingredients: [g('猪肉', 60), g('面粉', 80), g('大葱', 10), g('食用油', 5), g('酱油', 5)],
      cookingMethod: 'steamed',
    },
  },
  {
    category: 'default',
    name: '其他',
    aliases: ['默认'],
    value: 1.2,
    referenceDish: '同主菜（青椒肉丝）',
    referenceRecipe: null,
  },
];

const DEFAULT_BASELINE = BASELINES[BASELINES.length - 1];

const INDEX: ReadonlyMap<string, Baseline> = new Map(
  BASELINES.flatMap((row) => [row.category, row.name, ...row.aliases].map((key) => [lookupKey(key), row] as const)),
);

/**
 * Menu categories are free text chosen by each restaurant ("招牌热菜", "季节限定"); an
 * unrecognised or missing category uses the default baseline rather than failing, and the
 * result reports which category was applied so the choice is visible.
 */
export function getBaseline(category: string | undefined): Baseline {
  if (category === undefined) return DEFAULT_BASELINE;
  return INDEX.get(lookupKey(category)) ?? DEFAULT_BASELINE;
}
