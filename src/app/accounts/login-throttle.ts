import { isIPv6 } from 'node:net';
import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF, type BackoffPolicy, FORGET_FAILURES_AFTER_MS, lockoutMs } from '../../domain/login-backoff.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';

export interface ThrottleKey {
  key: string;
  policy: BackoffPolicy;
}

/**
 * One IPv6 client usually holds a whole /64: counting per address would hand it endless fresh
 * counters. IPv4 (and IPv4-mapped) addresses count one by one.
 */
export const addressKey = (ip: string): string => {
  if (!isIPv6(ip) || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.replace(/^::ffff:/i, '');
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
};

/**
 * Back-off keys for one login attempt. The account key uses the name as typed (lower-cased),
 * so unknown and known names are throttled alike and the answer tells nothing.
 */
export const throttleKeys = (username: string, ip: string | undefined): ThrottleKey[] => [
  { key: `account:${username.trim().toLowerCase()}`, policy: ACCOUNT_BACKOFF },
  ...(ip ? [{ key: `address:${addressKey(ip)}`, policy: ADDRESS_BACKOFF }] : []),
];

/**
 * Counts this attempt against every key before any password is checked, and refuses it (429
 * with Retry-After) when a key is locked. Counting first is what stops a burst of parallel
 * guesses: past the free failures, each attempt locks the key while it is checked. Returns the
 * failure count per key, for `settleFailure`.
 */
export const countAttempt = async (deps: AppDeps, keys: ThrottleKey[]): Promise<Map<string, number>> => {
  const now = deps.clock.now();
  const counts = new Map<string, number>();
  for (const { key, policy } of keys) {
    const r = await deps.db.loginThrottle.attempt(key, now, {
      free: policy.freeFailures,
      forgetBefore: new Date(now.getTime() - FORGET_FAILURES_AFTER_MS),
      lockUntil: new Date(now.getTime() + lockoutMs(policy.freeFailures + 1, policy)),
    });
    if (r.lockedUntil) {
      throw new AppError('rate_limited', 'too many failed logins; wait before trying again', {
        retryAfterSeconds: (r.lockedUntil.getTime() - now.getTime()) / 1000,
      });
    }
    counts.set(key, r.failures);
  }
  return counts;
};

/** After a failed attempt: locks each key for as long as its failure count calls for. Returns the locks set. */
export const settleFailure = async (deps: AppDeps, keys: ThrottleKey[], counts: Map<string, number>): Promise<{ key: string; until: Date }[]> => {
  const now = deps.clock.now().getTime();
  const locked: { key: string; until: Date }[] = [];
  for (const { key, policy } of keys) {
    const ms = lockoutMs(counts.get(key) ?? 0, policy);
    if (ms === 0) continue;
    const until = new Date(now + ms);
    await deps.db.loginThrottle.lock(key, until);
    locked.push({ key, until });
  }
  return locked;
};

/**
 * After a success: the account's failures are forgiven; the address only gives this attempt
 * back (one good account must not reset an address that guesses at others).
 */
export const settleSuccess = async (deps: AppDeps, keys: ThrottleKey[]): Promise<void> => {
  const [account, address] = keys;
  if (account) await deps.db.loginThrottle.clear(account.key);
  if (address) await deps.db.loginThrottle.forgive(address.key);
};
