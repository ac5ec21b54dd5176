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
   * At most this many requests, less one, a process holds reserved and unspent (default 1: every
   * request is one write). A busy public route reserves several at a time: half of `lease` per
   * write, the next half asked for while the process still holds some, so that no request waits
   * for that write. The total reserved by all processes never passes `max`; a process's unspent
   * reservations (at most lease - 1) only make the budget tighter until the window ends.
   */
  lease?: number;
}

/**
 * This server's unspent reservations, per bucket and window (`left` more requests may pass;
 * `spent` once the window's budget is gone for every server); per database handle, so two servers
 * in one process (the tests) hold their own, as two processes do.
 */
interface Lease {
  start: number;
  left: number;
  spent: boolean;
}
const leasesOf = new WeakMap<object, Map<string, Lease>>();
/**
 * The reservation this server is making, per bucket: requests that find none left wait for it
 * rather than each reserving more at once (ten at once would reserve ten times over and leave
 * most of it unspent, refusing other servers' clients well under the budget).
 */
const reservingOf = new WeakMap<object, Map<string, Promise<void>>>();
const MAX_LEASES = 10_000;

const mapOf = <V>(maps: WeakMap<object, Map<string, V>>, key: object): Map<string, V> => {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
};

const refusal = (budget: Budget, start: number, now: Date) =>
  new AppError('rate_limited', `too many ${budget.what} from your address; wait a moment`, {
    retryAfterSeconds: Math.max(1, Math.ceil((start + budget.windowMs - now.getTime()) / 1000)),
  });

/**
 * Reserves `chunk` more requests of the window at `now` in the database and adds those within
 * `max` to this server's lease; one reservation per bucket at a time (requests share it).
 */
const reserve = (deps: AppDeps, budget: Budget, bucket: string, chunk: number, now: Date): Promise<void> => {
  const leases = mapOf(leasesOf, deps.db);
  const reserving = mapOf(reservingOf, deps.db);
  const pending = reserving.get(bucket);
  if (pending) return pending;
  const reservation = hit(deps, bucket, now, budget.windowMs, chunk)
    .then(({ count, start }) => {
      // Of the `chunk` just reserved, those within `max` may pass.
      const granted = Math.max(0, Math.min(chunk, budget.max - (count - chunk)));
      const held = leases.get(bucket);
      const spent = count >= budget.max;
      if (held && held.start === start.getTime()) {
        held.left += granted;
        held.spent ||= spent;
      } else if (!held || held.start < start.getTime()) {
        if (leases.size >= MAX_LEASES) leases.clear();
        leases.set(bucket, { start: start.getTime(), left: granted, spent });
      }
    })
    .finally(() => reserving.delete(bucket));
  reserving.set(bucket, reservation);
  return reservation;
};

/**
 * One request from `ip` against `budget`: AppError `rate_limited` (429, with the seconds until
 * the window ends) once `max` requests came from that address (IPv6: its /64) in this window.
 */
export const takeRequest = async (deps: AppDeps, budget: Budget, ip: string | undefined): Promise<void> => {
  const bucket = `req|${budget.what}|${addressKey(ip ?? 'unknown')}`;
  const lease = Math.max(1, Math.floor(budget.lease ?? 1));
  if (lease === 1) {
    const now = deps.clock.now();
    const { count, start } = await hit(deps, bucket, now, budget.windowMs);
    if (count > budget.max) throw refusal(budget, start.getTime(), now);
    return;
  }
  // Reserved `chunk` at a time, the next asked for once no more than lease - 1 - chunk are left:
  // held and in flight together never pass lease - 1.
  const chunk = Math.max(1, Math.floor(lease / 2));
  const leases = mapOf(leasesOf, deps.db);
  for (;;) {
    const now = deps.clock.now();
    const current = windowStart(now, budget.windowMs).getTime();
    const held = leases.get(bucket);
    if (held && held.start === current) {
      if (held.left > 0) {
        held.left--;
        // Ahead of need, in the background: its write is not this request's to wait for (an
        // error there is the next waiting request's to see).
        if (!held.spent && held.left <= lease - 1 - chunk) reserve(deps, budget, bucket, chunk, now).catch(() => undefined);
        return;
      }
      if (held.spent) throw refusal(budget, current, now);
    }
    await reserve(deps, budget, bucket, chunk, now);
  }
};

/** True the first time `key` is claimed in its hour (whichever process asks): for "audit at most hourly". */
export const firstInHour = async (deps: AppDeps, key: string): Promise<boolean> => (await hit(deps, `once|${key}`, deps.clock.now(), 3600_000)).count === 1;
