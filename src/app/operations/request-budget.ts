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

/** Counts `by` hits and, at the first hits of a window, now and then forgets windows long over. */
const hit = async (deps: AppDeps, bucket: string, now: Date, windowMs: number, by = 1): Promise<{ count: number; start: Date }> => {
  const start = windowStart(now, windowMs);
  const count = await deps.db.rateCounts.hit(bucket.slice(0, 200), start, by);
  if (count === by && Math.random() < 0.01) await deps.db.rateCounts.prune(new Date(now.getTime() - KEEP_MS));
  return { count, start };
};

export interface Budget {
  /** Names the budget in the bucket and in the message: "verifications". */
  what: string;
  windowMs: number;
  max: number;
  /**
   * Requests this process reserves in the database at a time (default 1: every request is one
   * write). A busy public route reserves several: one write per `lease` requests, and the total
   * reserved by all processes still never passes `max` (a process's unspent reservations, at most
   * lease - 1, only make the budget tighter until the window ends).
   */
  lease?: number;
}

/**
 * This server's unspent reservations, per bucket and window (`left` more requests may pass); per
 * database handle, so two servers in one process (the tests) hold their own, as two processes do.
 */
const leasesOf = new WeakMap<object, Map<string, { start: number; left: number }>>();
const MAX_LEASES = 10_000;

/**
 * One request from `ip` against `budget`: AppError `rate_limited` (429, with the seconds until
 * the window ends) once `max` requests came from that address (IPv6: its /64) in this window.
 */
export const takeRequest = async (deps: AppDeps, budget: Budget, ip: string | undefined): Promise<void> => {
  const now = deps.clock.now();
  const bucket = `req|${budget.what}|${addressKey(ip ?? 'unknown')}`;
  const lease = Math.max(1, Math.floor(budget.lease ?? 1));
  let leases = leasesOf.get(deps.db);
  if (!leases) leasesOf.set(deps.db, (leases = new Map()));
  if (lease > 1) {
    const held = leases.get(bucket);
    if (held && held.start === windowStart(now, budget.windowMs).getTime() && held.left > 0) {
      held.left--;
      return;
    }
  }
  const { count, start } = await hit(deps, bucket, now, budget.windowMs, lease);
  // Of the `lease` just reserved, those within `max` may pass: this request and `left` more.
  const granted = Math.min(lease, budget.max - (count - lease));
  if (lease > 1) {
    // Requests that found no reservation at the same moment each made one: pool what they got.
    const held = leases.get(bucket);
    if (held && held.start === start.getTime()) held.left += Math.max(0, granted - 1);
    else {
      if (leases.size >= MAX_LEASES) leases.clear();
      leases.set(bucket, { start: start.getTime(), left: Math.max(0, granted - 1) });
    }
  }
  if (granted < 1) {
    throw new AppError('rate_limited', `too many ${budget.what} from your address; wait a moment`, {
      retryAfterSeconds: Math.max(1, Math.ceil((start.getTime() + budget.windowMs - now.getTime()) / 1000)),
    });
  }
};

/** True the first time `key` is claimed in its hour (whichever process asks): for "audit at most hourly". */
export const firstInHour = async (deps: AppDeps, key: string): Promise<boolean> => (await hit(deps, `once|${key}`, deps.clock.now(), 3600_000)).count === 1;
