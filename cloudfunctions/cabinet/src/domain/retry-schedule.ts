/**
 * Seed 五.5.1: a failed step (order processing, a vendor or Pay Score call) is retried three times,
 * 15 s, 30 s and 60 s after the failure before it, then handed to the manual-handling queue.
 * Attempt 1 is the inline one; attempts 2–4 are the scheduled retries.
 */
export const RETRY_DELAYS_MS = [15_000, 30_000, 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Delay before the next attempt after failed attempt `attempt` (1-based, counted from the schedule start), or null: to the manual queue. */
export function nextRetryDelayMs(attempt: number): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt 必须是正整数: ${attempt}`);
  return attempt <= RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[attempt - 1] : null;
}
