/**
 * Exponential backoff with full jitter: the n-th retry waits a random time in
 * [base·2^(n-1) / 2, base·2^(n-1)], capped, so many failing jobs do not retry in lockstep.
 */
export const backoffMs = (attempt: number, baseMs = 2000, capMs = 10 * 60_000, random: () => number = Math.random): number => {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
