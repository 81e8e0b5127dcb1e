/**
 * Vendors stamp orders as epoch milliseconds or seconds; canonical orders carry one ISO form
 * (UTC, milliseconds) so that equal instants compare equal as strings.
 */
export function isoFromEpochMs(ms: number): string {
  const date = new Date(ms);
  if (!Number.isSafeInteger(ms) || Number.isNaN(date.getTime())) throw new RangeError(`无效的毫秒时间戳: ${ms}`);
  return date.toISOString();
}

export function isoFromEpochSeconds(seconds: number): string {
  return isoFromEpochMs(seconds * 1000);
}

export function normalizeIso(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`无效的时间: ${iso}`);
  return new Date(ms).toISOString();
}

export function epochMsFromIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`无效的时间: ${iso}`);
  return ms;
}

/** Refuses sub-second instants: silently truncating would make a round trip change the order time. */
export function epochSecondsFromIso(iso: string): number {
  const ms = epochMsFromIso(iso);
  if (ms % 1000 !== 0) throw new RangeError(`该收银系统时间精度为秒，无法表示 ${iso}`);
  return ms / 1000;
}

/** "2025-01-15T10:30:00Z" style, as in the seed design (milliseconds only when non-zero). */
export function isoForDisplay(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
