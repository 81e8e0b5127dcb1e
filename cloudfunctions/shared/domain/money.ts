/**
 * Money is integer fen inside the system. Yuan appears only at boundaries that the seeds
 * define in yuan; conversions are exact (decimal string arithmetic, no float multiply).
 */
export type Fen = number;

/** Converts a yuan amount with at most 2 decimals into fen; throws on more precision. */
export function yuanToFen(yuan: number | string): Fen {
  const text = typeof yuan === 'number' ? yuanNumberToString(yuan) : yuan.trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`不是合法的金额: ${text}`);
  const [, sign, whole, frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额超出范围: ${text}`);
  return sign ? -fen : fen;
}

function yuanNumberToString(yuan: number): string {
  if (!Number.isFinite(yuan)) throw new RangeError(`不是合法的金额: ${yuan}`);
  // Shortest round-trip representation: 38.1 → "38.1", 0.1+0.2 → "0.30000000000000004" (rejected).
  // Below 1e-6 and from 1e21 it is in exponent form; expand it exactly (never round: 1e-7 must be
  // rejected like 0.005 is, not become 0 fen).
  return expandExponent(String(yuan));
}

/** "1e-7" → "0.0000001", "1.5e+21" → "1500000000000000000000"; plain decimals pass through. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, frac = '', exponentText] = match;
  const digits = whole + frac;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** True when a yuan number has at most two decimals (for zod refinements). */
export function isYuanAmount(yuan: number): boolean {
  try {
    yuanToFen(yuan);
    return true;
  } catch {
    return false;
  }
}

export function fenToYuan(fen: Fen): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`分必须是整数: ${fen}`);
  return fen / 100;
}

/** "¥12.30" for display. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
