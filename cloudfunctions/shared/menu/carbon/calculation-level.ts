/**
 * How much evidence stands behind a dish figure:
 * - L1: no ingredient list — the dish category's typical (baseline) value;
 * - L2: ingredient list × table factors + cooking energy;
 * - L3: as L2, with at least one supplier-specific factor replacing a table factor.
 */
export type CalculationLevel = 'L1' | 'L2' | 'L3';

export const CARBON_UNIT = 'kg CO₂e' as const;
export type CarbonUnit = typeof CARBON_UNIT;
