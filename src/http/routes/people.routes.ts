import { Router } from 'express';
import { getPerson, listPeople } from '../../app/accounts/people-directory.ts';
import type { AppDeps } from '../../app/deps.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { directoryQuery } from '../schemas/accounts.schemas.ts';
import { peopleOps as ops, personId } from '../schemas/people.schemas.ts';
import { parse } from '../validate.ts';

/** The people directory: names, units and roles of colleagues, for every logged-in user. */
export const peopleRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, ...filter } = parse(directoryQuery, req.query);
    res.json(
      reply(ops.list, 200, await listPeople(deps, req.actor!, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), page, limit)),
    );
  });
  r.get(routePath(ops.person), async (req, res) => {
    res.json(reply(ops.person, 200, await getPerson(deps, req.actor!, parse(personId, req.params.id))));
  });
  return r;
};
