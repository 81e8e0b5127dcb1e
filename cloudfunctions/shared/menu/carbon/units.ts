/**
 * Converts a recipe quantity to kilograms of product, the unit every emission factor uses.
 * Counted units (个, 份) depend on the ingredient, so the caller passes the ingredient's
 * typical weights and density; without them those units are refused rather than guessed.
 */
import { CarbonCalculationError } from './errors';
import { lookupKey } from './lookup-key';

export interface UnitSubject {
  /** used in error messages only */
  ingredientName: string;
  typicalWeightGrams?: { piece?: number; serving?: number };
  /** kg per litre; water-like 1 when absent */
  densityKgPerL?: number;
}

type UnitKind = { kind: 'mass'; kgPerUnit: number } | { kind: 'volume'; litresPerUnit: number } | { kind: 'piece' } | { kind: 'serving' };

// 斤 and 两 are the market units still used in Chinese kitchens: 1 斤 = 500 g, 1 两 = 50 g.
// Other measure words (根, 块, 瓣, 勺 …) mean different things per ingredient, so they are refused.
const UNITS: Readonly<Record<string, UnitKind>> = {
  g: { kind: 'mass', kgPerUnit: 0.001 },
  gram: { kind: 'mass', kgPerUnit: 0.001 },
  grams: { kind: 'mass', kgPerUnit: 0.001 },
  克: { kind: 'mass', kgPerUnit: 0.001 },
  kg: { kind: 'mass', kgPerUnit: 1 },
  千克: { kind: 'mass', kgPerUnit: 1 },
  公斤: { kind: 'mass', kgPerUnit: 1 },
  斤: { kind: 'mass', kgPerUnit: 0.5 },
  两: { kind: 'mass', kgPerUnit: 0.05 },
  ml: { kind: 'volume', litresPerUnit: 0.001 },
  毫升: { kind: 'volume', litresPerUnit: 0.001 },
  l: { kind: 'volume', litresPerUnit: 1 },
  升: { kind: 'volume', litresPerUnit: 1 },
  公升: { kind: 'volume', litresPerUnit: 1 },
  个: { kind: 'piece' },
  piece: { kind: 'piece' },
  pcs: { kind: 'piece' },
  份: { kind: 'serving' },
  serving: { kind: 'serving' },
};

export const SUPPORTED_UNITS: readonly string[] = Object.keys(UNITS);

export function toKilograms(quantity: number, unit: string, subject: UnitSubject): number {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
    throw new CarbonCalculationError('INVALID_QUANTITY', `食材「${subject.ingredientName}」的用量必须是正数，收到 ${String(quantity)}`, subject.ingredientName);
  }
  const spec = UNITS[lookupKey(unit)];
  if (!spec) {
    throw new CarbonCalculationError('UNKNOWN_UNIT', `食材「${subject.ingredientName}」的单位「${unit}」无法换算为千克`, subject.ingredientName);
  }
  switch (spec.kind) {
    case 'mass':
      return quantity * spec.kgPerUnit;
    case 'volume':
      return quantity * spec.litresPerUnit * (subject.densityKgPerL ?? 1);
    case 'piece':
      return quantity * typicalKg(subject, 'piece', '个');
    case 'serving':
      return quantity * typicalKg(subject, 'serving', '份');
  }
}

function typicalKg(subject: UnitSubject, which: 'piece' | 'serving', unitLabel: string): number {
  const grams = subject.typicalWeightGrams?.[which];
  if (grams === undefined) {
    throw new CarbonCalculationError(
      'NO_TYPICAL_WEIGHT',
      `食材「${subject.ingredientName}」没有「${unitLabel}」的典型重量，请改用克或千克`,
      subject.ingredientName,
    );
  }
  return grams / 1000;
}
