/**
 * The single error type of the carbon engine. Callers branch on `code` (typed) rather than on
 * message text; a dish whose calculation throws stays "pending" instead of getting a made-up
 * number, so the error must say which ingredient (or unit, or method) blocked it.
 */
export type CarbonErrorCode =
  | 'UNKNOWN_INGREDIENT'
  | 'UNKNOWN_UNIT'
  | 'NO_TYPICAL_WEIGHT'
  | 'INVALID_QUANTITY'
  | 'UNKNOWN_COOKING_METHOD'
  | 'INVALID_SUPPLIER_FACTOR'
  | 'UNUSED_SUPPLIER_FACTOR'
  | 'EMPTY_ORDER'
  | 'INVALID_ORDER_ITEM';

export class CarbonCalculationError extends Error {
  readonly code: CarbonErrorCode;
  /** the ingredient name exactly as the menu wrote it, when one is involved */
  readonly ingredientName?: string;

  constructor(code: CarbonErrorCode, message: string, ingredientName?: string) {
    super(message);
    this.name = 'CarbonCalculationError';
    this.code = code;
    if (ingredientName !== undefined) this.ingredientName = ingredientName;
  }
}
