/**
 * Request budgets of public routes and the once-an-hour rule of their audit entries, counted in
 * the database (RateCountRepository) so that every web process of an office shares them.
 */
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { addressKey } from '../accounts/login-throttle.ts';

/** Windows older than this are deleted now and then; none of the budgets is longer. */
const KEEP_MS = 24 * 3600_000;

const windowStart = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** Counts a hit and, at the first hit of a window, now and then forgets windows long over. */
const hit = async (deps: AppDeps, bucket: string, now: Date, windowMs: number): Promise<{ count: number; start: Date }> => {
  const start = windowStart(now, windowMs);
  const count = await deps.db.rateCounts.hit(bucket.slice(0, 200), start);
  if (count === 1 && Math.random() < 0.01) await deps.db.rateCounts.prune(new Date(now.getTime() - KEEP_MS));
  return { count, start };
};

export interface Budget {
  /** Names the budget in the bucket and in the message: "verifications". */
  what: string;
  windowMs: number;
  max: number;
}

/**
 * One request from `ip` against `budget`: AppError `rate_limited` (429, with the seconds until
 * the window ends) once `max` requests came from that address (IPv6: its /64) in this window.
 */
export const takeRequest = async (deps: AppDeps, budget: Budget, ip: string | undefined): Promise<void> => {
  const now = deps.clock.now();
  const { count, start } = await hit(deps, `req|${budget.what}|${addressKey(ip ?? 'unknown')}`, now, budget.windowMs);
  if (count > budget.max) {
    throw new AppError('rate_limited', `too many ${budget.what} from your address; wait a moment`, {
      retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + budget.windowMs - now.getTime()) / 1000)),
    });
  }
};

/** True the first time `key` is claimed in its hour (whichever process asks): for "audit at most hourly". */
export const firstInHour = async (deps: AppDeps, key: string): Promise<boolean> => (await hit(deps, `once|${key}`, deps.clock.now(), 3600_000)).count === 1;
