/**
 * Carbon levels, the label shown on menus and receipts, and the 气候友好 certification rule.
 *
 * Thresholds are per serving (one menu unit), in kg CO₂e:
 *   low    < 0.5   — in our factor table this needs a vegetable dish or a moderate plant-protein
 *                    portion; it is ~40 % of the pork-main baseline (1.2)
 *   medium < 1.5   — up to roughly 150 g of poultry or ~110 g of pork with vegetables
 *   high   ≥ 1.5   — red meat, seafood-heavy or large meat portions
 * The level is decided on the displayed value (rounded to 2 decimals), so a dish shown as
 * "0.50" is never labelled low: a customer can check the label against the number.
 *
 * 气候友好 (climate-friendly) certification requires all of:
 *   1. level low;
 *   2. reduction ≥ 50 % against the category baseline (displayed 1-decimal percent);
 *   3. calculated from ingredients (L2 or L3) — an L1 category default is not evidence.
 */
import type { CalculationLevel } from './calculation-level';

export type CarbonLevel = 'low' | 'medium' | 'high';

export const LOW_BELOW_KG = 0.5;
export const MEDIUM_BELOW_KG = 1.5;
export const CERTIFICATION_MIN_REDUCTION_PERCENT = 50;
export const CERTIFICATION_NAME = '气候友好';
export type Certification = typeof CERTIFICATION_NAME;

export const DEFAULT_LABEL_ICON_BASE = 'https://cdn.climate-restaurant.example/labels';

export const LEVEL_DESCRIPTIONS: Readonly<Record<CarbonLevel, string>> = {
  low: '低碳排放菜品',
  medium: '中碳排放菜品',
  high: '高碳排放菜品',
};

export interface CarbonLabel {
  level: CarbonLevel;
  icon: string;
  description: string;
}

export interface LabelOptions {
  /** https base under which label-low.png / label-medium.png / label-high.png live */
  iconBaseUrl?: string;
}

/** `displayedKgPerServing` is the value as shown (2 decimals). */
export function classifyCarbonLevel(displayedKgPerServing: number): CarbonLevel {
  if (!Number.isFinite(displayedKgPerServing) || displayedKgPerServing < 0) {
    throw new RangeError(`每份碳足迹必须是非负数: ${displayedKgPerServing}`);
  }
  if (displayedKgPerServing < LOW_BELOW_KG) return 'low';
  if (displayedKgPerServing < MEDIUM_BELOW_KG) return 'medium';
  return 'high';
}

export function labelIconUrl(level: CarbonLevel, options: LabelOptions = {}): string {
  const base = options.iconBaseUrl ?? DEFAULT_LABEL_ICON_BASE;
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new RangeError(`碳标签图标地址无效: ${base}`);
  }
  // Labels are rendered inside the mini-program and on POS screens, both of which require https.
  if (parsed.protocol !== 'https:') throw new RangeError(`碳标签图标地址必须是 https: ${base}`);
  return `${base.replace(/\/+$/u, '')}/label-${level}.png`;
}

export function buildCarbonLabel(level: CarbonLevel, options: LabelOptions = {}): CarbonLabel {
  return { level, icon: labelIconUrl(level, options), description: LEVEL_DESCRIPTIONS[level] };
}

export function certify(input: { carbonLevel: CarbonLevel; reductionPercent: number; calculationLevel: CalculationLevel }): Certification | null {
  const qualifies = input.carbonLevel === 'low' && input.reductionPercent >= CERTIFICATION_MIN_REDUCTION_PERCENT && input.calculationLevel !== 'L1';
  return qualifies ? CERTIFICATION_NAME : null;
}
