/** Amounts travel as integer fen; the UI shows yuan. */
export function formatFen(fen: number | undefined | null): string {
  if (typeof fen !== 'number' || !Number.isFinite(fen)) return '';
  return `¥${(fen / 100).toFixed(2)}`;
}

/** `2025-01-31 18:05` in the phone's local time (China for our diners). */
export function formatDateTime(value: string | number | Date | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
