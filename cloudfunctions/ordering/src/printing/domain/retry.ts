/**
 * Print retries: a kitchen ticket is useful for minutes, not for the webhooks' day-long
 * schedule. After the inline attempt, up to 4 retries with exponential backoff and full jitter
 * (bounds 30 s, 60 s, 120 s, 240 s; at least 10 s), then the job is dead: it shows in 打印失败
 * for staff, who fix the printer and retry or reprint. Worst case ≈ 7.5 min from the order.
 */
export const MAX_PRINT_ATTEMPTS = 5;
const BASE_MS = 30_000;
const MIN_MS = 10_000;

/** Delay before the next attempt after failed attempt `attempt` (1-based), or null: dead. */
export function nextPrintRetryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_PRINT_ATTEMPTS) return null;
  return Math.max(MIN_MS, Math.floor(random() * BASE_MS * 2 ** Math.max(0, attempt - 1)));
}
