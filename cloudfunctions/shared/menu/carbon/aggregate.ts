/**
 * Order-level carbon impact, in exactly the shape of the order-sync reply (`carbonImpact`
 * plus per-item `carbonFootprint` and `carbonLabel`).
 *
 * - Totals are Σ quantity × per-serving figure, computed from unrounded per-serving figures
 *   when the caller has them (`precise`), otherwise from the stored 2-decimal values; only
 *   the totals are rounded (half away from zero, 2 decimals; percent 1 decimal).
 * - Order carbonLevel: the per-serving average, total ÷ Σ quantity (rounded to 2 decimals),
 *   classified with the same thresholds as a dish. An order's level therefore does not climb
 *   just because more people ate: 2 × 素麻婆豆腐 is as "low" as one.
 * - Item carbonLabel: the dish's own per-serving level, not the line total, so the label on a
 *   receipt line matches the label on the menu.
 */
import { CARBON_UNIT, type CarbonUnit } from './calculation-level';
import { CarbonCalculationError } from './errors';
import { classifyCarbonLevel, labelIconUrl, type CarbonLevel, type LabelOptions } from './levels';
import { roundKg, roundPercent } from './rounding';

/** Per-serving figures of one dish; a DishCarbonResult fits, as does a stored menu carbonFootprint. */
export interface DishCarbonFigures {
  value: number;
  baseline: number;
  precise?: { value: number; baseline: number };
}

export interface OrderCarbonItemInput {
  menuItemId: string;
  quantity: number;
  dishCarbon: DishCarbonFigures;
}

export interface OrderCarbonImpact {
  totalCarbonFootprint: number;
  unit: CarbonUnit;
  baseline: number;
  carbonReduction: number;
  reductionPercent: number;
  carbonLevel: CarbonLevel;
}

export interface OrderCarbonItem {
  menuItemId: string;
  /** quantity × per-serving value, 2 decimals */
  carbonFootprint: number;
  carbonLabel: { level: CarbonLevel; icon: string };
}

export interface OrderCarbonResult {
  carbonImpact: OrderCarbonImpact;
  items: OrderCarbonItem[];
}

export function aggregateOrderCarbon(items: readonly OrderCarbonItemInput[], options: LabelOptions = {}): OrderCarbonResult {
  if (items.length === 0) throw new CarbonCalculationError('EMPTY_ORDER', '订单没有菜品，无法计算碳足迹');

  let total = 0;
  let baseline = 0;
  let servings = 0;
  const lines: OrderCarbonItem[] = items.map((item, index) => {
    const { value, baseline: dishBaseline } = perServing(item, index);
    total += item.quantity * value;
    baseline += item.quantity * dishBaseline;
    servings += item.quantity;
    const level = classifyCarbonLevel(roundKg(value));
    return {
      menuItemId: item.menuItemId,
      carbonFootprint: roundKg(item.quantity * value),
      carbonLabel: { level, icon: labelIconUrl(level, options) },
    };
  });

  const reduction = baseline - total;
  return {
    carbonImpact: {
      totalCarbonFootprint: roundKg(total),
      unit: CARBON_UNIT,
      baseline: roundKg(baseline),
      carbonReduction: roundKg(reduction),
      reductionPercent: roundPercent((reduction / baseline) * 100),
      carbonLevel: classifyCarbonLevel(roundKg(total / servings)),
    },
    items: lines,
  };
}

function perServing(item: OrderCarbonItemInput, index: number): { value: number; baseline: number } {
  const fail = (what: string) => new CarbonCalculationError('INVALID_ORDER_ITEM', `订单第 ${index + 1} 项（${String(item.menuItemId)}）${what}`);
  if (typeof item.menuItemId !== 'string' || item.menuItemId === '') throw fail('缺少菜品 ID');
  if (typeof item.quantity !== 'number' || !Number.isFinite(item.quantity) || item.quantity <= 0) throw fail('数量必须是正数');
  const value = item.dishCarbon?.precise?.value ?? item.dishCarbon?.value;
  const baseline = item.dishCarbon?.precise?.baseline ?? item.dishCarbon?.baseline;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw fail('碳足迹必须是非负数');
  // A zero baseline would make the reduction percentage meaningless (division by zero).
  if (typeof baseline !== 'number' || !Number.isFinite(baseline) || baseline <= 0) throw fail('基准值必须是正数');
  return { value, baseline };
}
