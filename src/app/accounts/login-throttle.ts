import { ACCOUNT_BACKOFF, ADDRESS_BACKOFF, type BackoffPolicy, lockoutMs } from '../../domain/login-backoff.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Back-off keys for one login attempt. The account key uses the name as typed (lower-cased),
 * so unknown and known names are throttled alike and the answer tells nothing.
 */
export const throttleKeys = (username: string, ip: string | undefined): { key: string; policy: BackoffPolicy }[] => [
  { key: `account:${username.trim().toLowerCase()}`, policy: ACCOUNT_BACKOFF },
  ...(ip ? [{ key: `address:${ip}`, policy: ADDRESS_BACKOFF }] : []),
];

/**
 * Refuses the attempt (429 with Retry-After) while any of its keys is locked; otherwise returns
 * the keys that have failures on record (so a success clears only what exists).
 */
export const refuseWhileLocked = async (deps: AppDeps, keys: { key: string }[]): Promise<string[]> => {
  const now = deps.clock.now().getTime();
  const rows = await deps.db.loginThrottle.get(keys.map((k) => k.key));
  const locked = rows.filter((r) => r.lockedUntil && r.lockedUntil.getTime() > now);
  if (locked.length === 0) return rows.filter((r) => r.failures > 0).map((r) => r.key);
  const until = Math.max(...locked.map((r) => r.lockedUntil!.getTime()));
  throw new AppError('rate_limited', 'too many failed logins; wait before trying again', { retryAfterSeconds: (until - now) / 1000 });
};

/** Counts a failure against every key and locks those past their free failures. Returns the keys it locked. */
export const recordLoginFailure = async (deps: AppDeps, keys: { key: string; policy: BackoffPolicy }[]): Promise<{ key: string; until: Date }[]> => {
  const now = deps.clock.now();
  const locked: { key: string; until: Date }[] = [];
  for (const { key, policy } of keys) {
    const failures = await deps.db.loginThrottle.recordFailure(key, now);
    const ms = lockoutMs(failures, policy);
    if (ms > 0) {
      const until = new Date(now.getTime() + ms);
      await deps.db.loginThrottle.lock(key, until);
      locked.push({ key, until });
    }
  }
  return locked;
};
