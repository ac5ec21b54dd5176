import { Router } from 'express';
import { createUnit, listUnits, updateUnit } from '../../app/accounts/manage-units.ts';
import { createUser, getUser, listUsers, resetTotp, updateUser } from '../../app/accounts/manage-users.ts';
import { decideAccessRequest, listAccessRequests } from '../../app/accounts/access-requests.ts';
import type { AppDeps } from '../../app/deps.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { accessQuery, accountOps as ops, directoryQuery, newUnit, newUser, unitChanges, userChanges } from '../schemas/accounts.schemas.ts';
import { code, parse } from '../validate.ts';
import { userId } from '../schemas/common.schemas.ts';

/** Account and unit administration (the use cases check that the caller is an admin). */
export const adminRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post(routePath(ops.createUser), async (req, res) => {
    res.status(201).json(reply(ops.createUser, 201, await createUser(deps, req.actor!, parse(newUser, req.body))));
  });
  r.get(routePath(ops.users), async (req, res) => {
    const { page, limit, ...filter } = parse(directoryQuery, req.query);
    res.json(
      reply(ops.users, 200, await listUsers(deps, req.actor!, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), page, limit)),
    );
  });
  r.get(routePath(ops.user), async (req, res) => {
    res.json(reply(ops.user, 200, await getUser(deps, req.actor!, parse(userId, req.params.id))));
  });
  r.patch(routePath(ops.updateUser), async (req, res) => {
    const user = await updateUser(deps, req.actor!, parse(userId, req.params.id), parse(userChanges, req.body));
    // A change above the admin's own clearance waits for a second admin: accepted, not done.
    if ('pendingRequest' in user) res.status(202).json(reply(ops.updateUser, 202, user));
    else res.json(reply(ops.updateUser, 200, user));
  });
  r.post(routePath(ops.resetTotp), async (req, res) => {
    const pending = await resetTotp(deps, req.actor!, parse(userId, req.params.id));
    if (pending) res.status(202).json(reply(ops.resetTotp, 202, { pendingRequest: pending }));
    else res.status(204).end();
  });
  r.get(routePath(ops.accessRequests), async (req, res) => {
    const { page, limit, status } = parse(accessQuery, req.query);
    res.json(reply(ops.accessRequests, 200, await listAccessRequests(deps, req.actor!, { status }, page, limit)));
  });
  for (const [op, approve] of [
    [ops.approve, true],
    [ops.reject, false],
  ] as const) {
    r.post(routePath(op), async (req, res) => {
      res.json(reply(op, 200, await decideAccessRequest(deps, req.actor!, parse(userId, req.params.id), approve)));
    });
  }
  r.post(routePath(ops.createUnit), async (req, res) => {
    res.status(201).json(reply(ops.createUnit, 201, await createUnit(deps, req.actor!, parse(newUnit, req.body))));
  });
  r.get(routePath(ops.units), async (_req, res) => {
    res.json(reply(ops.units, 200, await listUnits(deps)));
  });
  r.patch(routePath(ops.updateUnit), async (req, res) => {
    res.json(reply(ops.updateUnit, 200, await updateUnit(deps, req.actor!, parse(code, req.params.code), parse(unitChanges, req.body))));
  });
  return r;
};
