import { getDatabase, isTransactionConflict } from './database';
import type { Transaction } from './database-types';

/**
 * How a transaction that lost a write-write conflict is run again.
 *
 * wx-server-sdk's own `runTransaction(fn, times)` retries a conflicting commit at once, `times`
 * times: under 30 parallel callers of one member or payment the retries collide with the same
 * callers again and run out. Here the SDK retries nothing (times = 0) and a conflict waits a
 * random time below an exponentially growing bound ("full jitter") before the next attempt, so
 * the colliding callers spread out and each one commits in turn.
 */
export interface TransactionRetryOptions {
  /** attempts in all, the first one included (default 8) */
  attempts?: number;
  /** bound of the first wait, ms; doubles per attempt (default 20) */
  baseDelayMs?: number;
  /** largest wait bound, ms (default 400): 8 attempts wait at most ≈ 1.4 s in all */
  maxDelayMs?: number;
}

export const DEFAULT_TRANSACTION_ATTEMPTS = 8;
const DEFAULT_BASE_DELAY_MS = 20;
const DEFAULT_MAX_DELAY_MS = 400;

/** What the retry loop needs from the world; tests pass their own clock and dice. */
export interface RetryEnvironment {
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realEnvironment: RetryEnvironment = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait before attempt `attempt + 1` (attempt 1 = the first one that failed). */
export function conflictBackoffMs(attempt: number, options: TransactionRetryOptions = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const cap = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const bound = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.floor(random() * bound);
}

/**
 * Runs `attempt` until it succeeds, fails with something other than a transaction conflict, or
 * `attempts` are used up — then the last conflict is rethrown (the kit answers it as 40902 BUSY).
 * Only for attempts that have no effect outside the database transaction: a conflict rolled
 * everything back, so running the whole callback again is safe.
 */
export async function retryOnConflict<R>(
  attempt: () => Promise<R>,
  options: TransactionRetryOptions = {},
  environment: RetryEnvironment = realEnvironment,
): Promise<R> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_TRANSACTION_ATTEMPTS);
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !isTransactionConflict(error)) throw error;
      await environment.sleep(conflictBackoffMs(n, options, environment.random));
    }
  }
}

/**
 * `db.runTransaction(run)` with jittered backoff on conflicts: the one way product code runs a
 * transaction where contention is expected (money actions, ledgers). `run` must only touch the
 * database through `tx` (it may run several times); side effects belong after the commit.
 */
export function runInTransaction<R>(run: (tx: Transaction) => Promise<R>, options: TransactionRetryOptions = {}): Promise<R> {
  // times = 0: the SDK's immediate retries would only collide again; this loop waits instead.
  return retryOnConflict(() => getDatabase().runTransaction(run, 0), options);
}
