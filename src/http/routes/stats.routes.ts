import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { officeStats } from '../../app/stats/office-stats.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { statsOps as ops, statsQuery } from '../schemas/stats.schemas.ts';
import { parse } from '../validate.ts';

/** The office figures (volumes, disposition times, overdue by unit). */
export const statsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.stats), async (req, res) => {
    res.json(reply(ops.stats, 200, await officeStats(deps, req.actor!, parse(statsQuery, req.query))));
  });
  return r;
};
