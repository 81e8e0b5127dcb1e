/**
 * An `add` whose `_id` exists fails atomically; our idempotency and replay checks rely on
 * that, so they need to tell "already there" from a real failure.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  const text = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? error);
  return /duplicate|E11000|DuplicateWrite/i.test(text);
}
