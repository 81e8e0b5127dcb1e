/**
 * Carbon footprint of one dish serving (one menu unit).
 *
 * - L1: no ingredient list → the category's typical value. We take the category baseline
 *   itself: without data the dish is assumed to be as carbon-intensive as the conventional
 *   one, so L1 can never show a reduction or earn certification.
 * - L2: Σ ingredient kg × table factor + Σ ingredient kg × cooking factor.
 * - L3: as L2, with supplier factors replacing table factors for the ingredients they name.
 *
 * An explicit ingredient that is neither in the table nor covered by a supplier factor is an
 * error, never a silent drop to L1: a menu that lists 牛肉 must not be scored as a generic main.
 *
 * Rounding (see rounding.ts): every figure is computed unrounded; `value`, `baseline` and
 * `reduction` are rounded half away from zero to 2 decimals, `reductionPercent` to 1 decimal,
 * and `precise` keeps the unrounded figures for order totals and audits. The carbon level and
 * certification are decided on the displayed figures so that labels agree with what is shown.
 */
import { getBaseline, type DishCategory } from './baselines';
import { CARBON_UNIT, type CalculationLevel, type CarbonUnit } from './calculation-level';
import { getCookingFactor, type CookingMethod } from './cooking';
import { findEmissionFactor, type FactorBasis } from './emission-factors';
import { CarbonCalculationError } from './errors';
import { buildCarbonLabel, certify, classifyCarbonLevel, type CarbonLabel, type CarbonLevel, type Certification, type LabelOptions } from './levels';
import { lookupKey } from './lookup-key';
import { roundKg, roundPercent } from './rounding';
import { toKilograms } from './units';

export { aggregateOrderCarbon } from './aggregate';

export interface IngredientInput {
  ingredientName: string;
  quantity: number;
  unit: string;
}

/**
 * Upper bound of a supplier factor, kg CO₂e per kg. About ten times the table's highest factor
 * (beef, 99.48) and above any per-kg food footprint in the literature; anything larger is a
 * typo or a unit mix-up (g vs kg), and unbounded values overflow the sums (1e308 × 100 kg).
 */
export const MAX_SUPPLIER_FACTOR = 1000;

/** A factor from the supplier's own LCA or declaration, replacing the table value (L3). */
export interface SupplierFactor {
  /** kg CO₂e per kg of product */
  factor: number;
  /** who declared it and where, e.g. "XX 豆制品厂 2024 产品碳足迹报告" */
  source: string;
}

export interface DishCarbonInput {
  /** menu category as the restaurant names it (主菜, 汤, …); unknown → default baseline */
  category?: string;
  /** per serving; absent or empty → L1 */
  ingredients?: readonly IngredientInput[];
  cookingMethod?: string;
  /** keyed by the ingredient name exactly as written in `ingredients` (blank/width tolerant) */
  supplierFactors?: Readonly<Record<string, SupplierFactor>>;
  label?: LabelOptions;
}

export interface IngredientBreakdown {
  kind: 'ingredient';
  ingredientName: string;
  /** table row id; null when only a supplier factor covers the ingredient */
  factorId: string | null;
  quantity: number;
  unit: string;
  massKg: number;
  factor: number;
  factorBasis: FactorBasis | 'supplier';
  factorSource: string;
  /** kg CO₂e, unrounded */
  emissions: number;
}

export interface CookingBreakdown {
  kind: 'cooking';
  method: CookingMethod;
  massKg: number;
  factor: number;
  emissions: number;
}

export interface CategoryDefaultBreakdown {
  kind: 'category_default';
  category: DishCategory;
  referenceDish: string;
  emissions: number;
}

export type BreakdownEntry = IngredientBreakdown | CookingBreakdown | CategoryDefaultBreakdown;

export interface DishCarbonResult {
  /** kg CO₂e per serving, 2 decimals */
  value: number;
  unit: CarbonUnit;
  calculationLevel: CalculationLevel;
  /** the category the baseline came from (after alias resolution / default) */
  category: DishCategory;
  baseline: number;
  /** baseline − value; negative when the dish emits more than the conventional one */
  reduction: number;
  reductionPercent: number;
  carbonLevel: CarbonLevel;
  certification: Certification | null;
  label: CarbonLabel;
  breakdown: BreakdownEntry[];
  precise: { value: number; baseline: number; reduction: number };
}

export function calculateDishCarbon(input: DishCarbonInput): DishCarbonResult {
  const baseline = getBaseline(input.category);
  const ingredients = input.ingredients ?? [];
  const overrides = readSupplierFactors(input.supplierFactors);

  if (ingredients.length === 0) {
    if (overrides.size > 0) throw unusedOverride([...overrides.values()][0].writtenName);
    const entry: CategoryDefaultBreakdown = {
      kind: 'category_default',
      category: baseline.category,
      referenceDish: baseline.referenceDish,
      emissions: baseline.value,
    };
    return finish(input, 'L1', baseline.category, baseline.value, baseline.value, [entry]);
  }

  const used = new Set<string>();
  const entries: IngredientBreakdown[] = ingredients.map((ingredient) => {
    const name = typeof ingredient.ingredientName === 'string' ? ingredient.ingredientName : '';
    if (name.trim() === '') throw new CarbonCalculationError('UNKNOWN_INGREDIENT', '食材名称不能为空', name);
    const key = lookupKey(name);
    const row = findEmissionFactor(name);
    const override = overrides.get(key);
    const chosen = override
      ? { factor: override.factor, basis: 'supplier' as const, source: override.source }
      : row
        ? { factor: row.factor, basis: row.basis, source: row.source }
        : undefined;
    if (!chosen) throw new CarbonCalculationError('UNKNOWN_INGREDIENT', `未收录食材「${name}」的排放因子，碳足迹待补充`, name);
    const massKg = toKilograms(ingredient.quantity, ingredient.unit, {
      ingredientName: name,
      typicalWeightGrams: row?.typicalWeightGrams,
      densityKgPerL: row?.densityKgPerL,
    });
    if (override) used.add(key);
    return {
      kind: 'ingredient',
      ingredientName: name,
      factorId: row?.id ?? null,
      quantity: ingredient.quantity,
      unit: ingredient.unit,
      massKg,
      factor: chosen.factor,
      factorBasis: chosen.basis,
      factorSource: chosen.source,
      emissions: massKg * chosen.factor,
    };
  });

  for (const [key, override] of overrides) if (!used.has(key)) throw unusedOverride(override.writtenName);

  const cooking = getCookingFactor(input.cookingMethod);
  const dishMassKg = sum(entries.map((e) => e.massKg));
  const cookingEntry: CookingBreakdown = {
    kind: 'cooking',
    method: cooking.method,
    massKg: dishMassKg,
    factor: cooking.factor,
    emissions: dishMassKg * cooking.factor,
  };
  const value = sum(entries.map((e) => e.emissions)) + cookingEntry.emissions;
  return finish(input, used.size > 0 ? 'L3' : 'L2', baseline.category, value, baseline.value, [...entries, cookingEntry]);
}

function finish(
  input: DishCarbonInput,
  calculationLevel: CalculationLevel,
  category: DishCategory,
  value: number,
  baseline: number,
  breakdown: BreakdownEntry[],
): DishCarbonResult {
  const reduction = baseline - value;
  const displayedValue = roundKg(value);
  const reductionPercent = roundPercent((reduction / baseline) * 100);
  const carbonLevel = classifyCarbonLevel(displayedValue);
  return {
    value: displayedValue,
    unit: CARBON_UNIT,
    calculationLevel,
    category,
    baseline: roundKg(baseline),
    reduction: roundKg(reduction),
    reductionPercent,
    carbonLevel,
    certification: certify({ carbonLevel, reductionPercent, calculationLevel }),
    label: buildCarbonLabel(carbonLevel, input.label),
    breakdown,
    precise: { value, baseline, reduction },
  };
}

interface ResolvedOverride extends SupplierFactor {
  writtenName: string;
}

function readSupplierFactors(factors: DishCarbonInput['supplierFactors']): Map<string, ResolvedOverride> {
  const resolved = new Map<string, ResolvedOverride>();
  for (const [writtenName, supplied] of Object.entries(factors ?? {})) {
    const valid =
      supplied !== null &&
      typeof supplied === 'object' &&
      typeof supplied.factor === 'number' &&
      Number.isFinite(supplied.factor) &&
      supplied.factor >= 0 &&
      supplied.factor <= MAX_SUPPLIER_FACTOR &&
      typeof supplied.source === 'string' &&
      supplied.source.trim() !== '';
    if (!valid) {
      throw new CarbonCalculationError(
        'INVALID_SUPPLIER_FACTOR',
        `供应商排放因子「${writtenName}」必须是 0–${MAX_SUPPLIER_FACTOR} 之间的数（kg CO₂e/kg）并注明来源`,
        writtenName,
      );
    }
    const key = lookupKey(writtenName);
    if (resolved.has(key)) {
      throw new CarbonCalculationError('INVALID_SUPPLIER_FACTOR', `供应商排放因子「${writtenName}」重复`, writtenName);
    }
    resolved.set(key, { ...supplied, writtenName });
  }
  return resolved;
}

// A supplier factor that matches nothing is almost always a misspelt name; ignoring it would
// quietly publish an L2 figure the restaurant believes is L3.
function unusedOverride(writtenName: string): CarbonCalculationError {
  return new CarbonCalculationError('UNUSED_SUPPLIER_FACTOR', `供应商排放因子「${writtenName}」没有对应的食材`, writtenName);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
