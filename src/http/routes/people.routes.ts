import { Router } from 'express';
import { z } from 'zod';
import { getPerson, listPeople } from '../../app/accounts/people-directory.ts';
import type { AppDeps } from '../../app/deps.ts';
import { ROLES } from '../../domain/roles.ts';
import { code, one, paging, parse } from '../validate.ts';

const peopleQuery = z.object({
  ...paging,
  unitCode: one(code).optional(),
  role: one(z.enum(ROLES)).optional(),
  q: one(
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  ).optional(),
});
const personId = z.string().uuid('not a person id');

/** The people directory: names, units and roles of colleagues, for every logged-in user. */
export const peopleRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/people', async (req, res) => {
    const { page, limit, ...filter } = parse(peopleQuery, req.query);
    res.json(await listPeople(deps, req.actor!, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), page, limit));
  });
  r.get('/people/:id', async (req, res) => {
    res.json(await getPerson(deps, req.actor!, parse(personId, req.params.id)));
  });
  return r;
};
