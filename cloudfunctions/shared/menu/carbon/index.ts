/** Public API of the carbon footprint engine (pure: no I/O). */
export {
  aggregateOrderCarbon,
  type DishCarbonFigures,
  type OrderCarbonImpact,
  type OrderCarbonItem,
  type OrderCarbonItemInput,
  type OrderCarbonResult,
} from './aggregate';
export { BASELINES, getBaseline, type Baseline, type DishCategory } from './baselines';
export {
  calculateDishCarbon,
  MAX_SUPPLIER_FACTOR,
  type BreakdownEntry,
  type CategoryDefaultBreakdown,
  type CookingBreakdown,
  type DishCarbonInput,
  type DishCarbonResult,
  type IngredientBreakdown,
  type IngredientInput,
  type SupplierFactor,
} from './calculate';
export { CARBON_UNIT, type CalculationLevel, type CarbonUnit } from './calculation-level';
export { COOKING_FACTORS, COOKING_METHODS, getCookingFactor, type CookingFactor, type CookingMethod } from './cooking';
export { EMISSION_FACTORS, findEmissionFactor, type EmissionFactor, type FactorBasis, type IngredientCategory } from './emission-factors';
export { CarbonCalculationError, type CarbonErrorCode } from './errors';
export {
  buildCarbonLabel,
  certify,
  classifyCarbonLevel,
  labelIconUrl,
  CERTIFICATION_MIN_REDUCTION_PERCENT,
  CERTIFICATION_NAME,
  DEFAULT_LABEL_ICON_BASE,
  LEVEL_DESCRIPTIONS,
  LOW_BELOW_KG,
  MEDIUM_BELOW_KG,
  type CarbonLabel,
  type CarbonLevel,
  type Certification,
  type LabelOptions,
} from './levels';
export { roundHalfAwayFromZero, roundKg, roundPercent } from './rounding';
export { SUPPORTED_UNITS, toKilograms } from './units';
