/**
 * When the periodic backup is due, and when the admin home should warn that the office has no
 * recent good backup. Times in milliseconds; pure, so every worker decides alike.
 */

const HOUR = 3600_000;
/** After a failed attempt, the schedule tries again this soon (or at the interval, if shorter). */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/**
 * Due when the last good backup (from the schedule or the command line) is an interval old, and
 * the last scheduled attempt is not too recent (a failing backup is not retried in a loop).
 */
export const backupDue = (o: { now: Date; intervalMs: number; lastSuccessAt: Date | null; lastAttemptAt: Date | null }): boolean => {
  const now = o.now.getTime();
  if (o.lastSuccessAt && now - o.lastSuccessAt.getTime() < o.intervalMs) return false;
  return !o.lastAttemptAt || now - o.lastAttemptAt.getTime() >= Math.min(o.intervalMs, RETRY_AFTER_FAILURE_MS);
};

/**
 * Whether the last good backup is older than the interval, with some slack for the run that is
 * due now to finish (a quarter of the interval, at most an hour). No backup at all is overdue.
 */
export const backupOverdue = (lastSuccessAt: Date | null, now: Date, intervalMs: number): boolean =>
  !lastSuccessAt || now.getTime() - lastSuccessAt.getTime() > intervalMs + Math.min(HOUR, intervalMs / 4);
