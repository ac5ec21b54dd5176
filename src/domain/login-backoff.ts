/**
 * How long a login key (an account name or a client address) is refused after repeated
 * failures. The first few failures are free (typos); after that the wait doubles per failure up
 * to a cap, so guessing costs hours while a user who mistyped waits seconds.
 */
export interface BackoffPolicy {
  freeFailures: number;
  baseMs: number;
  maxMs: number;
}

/** Failures not followed by another within a day are forgotten (a typo months ago counts for nothing). */
export const FORGET_FAILURES_AFTER_MS = 24 * 3600_000;

export const ACCOUNT_BACKOFF: BackoffPolicy = { freeFailures: 5, baseMs: 1_000, maxMs: 15 * 60_000 };
// One office often sits behind one address: allow many more failures from an address.
export const ADDRESS_BACKOFF: BackoffPolicy = { freeFailures: 30, baseMs: 1_000, maxMs: 15 * 60_000 };

/** Milliseconds to refuse the key after its `failures`-th consecutive failure (0: not locked). */
export const lockoutMs = (failures: number, p: BackoffPolicy): number => {
  const over = failures - p.freeFailures;
  if (over <= 0) return 0;
  return Math.min(p.maxMs, p.baseMs * 2 ** Math.min(over - 1, 30));
};
