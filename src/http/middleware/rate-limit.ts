import type { RequestHandler } from 'express';
import { addressKey } from '../../app/accounts/login-throttle.ts';
import { AppError } from '../../domain/errors.ts';

const MAX_KEYS = 50_000;

/**
 * A per-client-address request budget for public routes (fixed windows, in this process's
 * memory): `max` requests per `windowMs` from one address (IPv6: one /64), then 429 with
 * Retry-After. Bounded memory: past MAX_KEYS, expired windows go first, then the oldest half.
 */
export const rateLimit = (o: { windowMs: number; max: number; what: string }): RequestHandler => {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, _res, next) => {
    const now = Date.now();
    const key = addressKey(req.ip ?? 'unknown');
    let w = windows.get(key);
    if (!w || now - w.start >= o.windowMs) {
      if (!w && windows.size >= MAX_KEYS) {
        for (const [k, v] of windows) if (now - v.start >= o.windowMs) windows.delete(k);
        if (windows.size >= MAX_KEYS) [...windows.keys()].slice(0, MAX_KEYS / 2).forEach((k) => windows.delete(k));
      }
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > o.max) {
      next(new AppError('rate_limited', `too many ${o.what} from your address; wait a moment`, { retryAfterSeconds: (w.start + o.windowMs - now) / 1000 }));
      return;
    }
    next();
  };
};
