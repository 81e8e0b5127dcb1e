/**
 * Display rounding for carbon figures: round half away from zero. Only outputs are rounded;
 * sums and ratios are computed from unrounded values so that rounding never accumulates.
 */

/**
 * `Math.round(x * 100) / 100` turns 1.005 into 1.00 because 1.005 is stored as 1.00499…;
 * trimming the scaled value to 15 significant digits first removes that binary noise
 * (doubles carry ~15.9), so the decision is made on the decimal the user wrote.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`无法舍入非有限数: ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) throw new RangeError(`小数位数无效: ${decimals}`);
  const scale = 10 ** decimals;
  const scaled = Number((Math.abs(value) * scale).toPrecision(15));
  const rounded = Math.round(scaled) / scale;
  // Normalises -0 to 0 so that JSON and equality checks never see "-0".
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** kg CO₂e figures are shown with 2 decimals. */
export const roundKg = (value: number): number => roundHalfAwayFromZero(value, 2);

/** Percentages are shown with 1 decimal. */
export const roundPercent = (value: number): number => roundHalfAwayFromZero(value, 1);
