/**
 * Webhook retry schedule: exponential backoff with full jitter.
 *
 * Attempt 1 runs inline right after the event is raised; after failed attempt n (1 ≤ n < 10)
 * the next one waits uniform(0, min(CAP, BASE × 2^(n−1))), at least MIN_DELAY so a receiver
 * that is down is not hit twice in the same second. After attempt 10 fails the event is dead.
 *
 * | after attempt | upper bound | expected |
 * | 1 | 10 min | 5 min |
 * | 2 | 20 min | 10 min |
 * | 3 | 40 min | 20 min |
 * | 4 | 80 min | 40 min |
 * | 5 | 160 min | 80 min |
 * | 6 | 320 min | 160 min |
 * | 7 | 640 min | 320 min |
 * | 8 | 720 min (cap) | 360 min |
 * | 9 | 720 min (cap) | 360 min |
 * Total: expected ≈ 22.6 h, at most ≈ 45 h.
 *
 * Full jitter spreads the retries of many events failing together (a receiver outage) over
 * the whole window instead of sending them all again at the same instant.
 */
export const MAX_ATTEMPTS = 10;
export const BASE_DELAY_MS = 10 * 60_000;
export const MAX_DELAY_MS = 12 * 60 * 60_000;
export const MIN_DELAY_MS = 30_000;

export function retryCeilingMs(failedAttempt: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failedAttempt - 1));
}

/** Delay before the next attempt, or null when the event must go to the dead letters. */
export function nextRetryDelayMs(failedAttempt: number, random: () => number = Math.random): number | null {
  if (failedAttempt >= MAX_ATTEMPTS) return null;
  return Math.max(MIN_DELAY_MS, Math.floor(random() * retryCeilingMs(failedAttempt)));
}
