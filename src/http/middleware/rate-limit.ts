import type { RequestHandler } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { type Budget, takeRequest } from '../../app/operations/request-budget.ts';

/**
 * A per-client-address request budget for a public route: `max` requests per `windowMs` from one
 * address (IPv6: one /64), then 429 with Retry-After. Counted in the database, so it holds across
 * every web process of the office (see request-budget.ts).
 */
export const rateLimit =
  (deps: AppDeps, budget: Budget): RequestHandler =>
  (req, _res, next) => {
    takeRequest(deps, budget, req.ip).then(() => next(), next);
  };
