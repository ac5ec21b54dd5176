import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { officeStats } from '../../app/stats/office-stats.ts';
import { one, parse, YEAR_MESSAGE, yearInRange } from '../validate.ts';

// Years 1900–2999: beyond, the month arithmetic leaves what a Date can hold ("Invalid time value").
const month = one(
  z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .refine(yearInRange, YEAR_MESSAGE),
);
const statsQuery = z.object({ from: month.optional(), to: month.optional() });

/** The office figures (volumes, disposition times, overdue by unit). */
export const statsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/stats', async (req, res) => {
    res.json(await officeStats(deps, req.actor!, parse(statsQuery, req.query)));
  });
  return r;
};
