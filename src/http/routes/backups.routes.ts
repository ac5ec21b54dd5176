import { Router } from 'express';
import { listBackups } from '../../app/backup/list-backups.ts';
import type { AppDeps } from '../../app/deps.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { backupOps as ops, backupsQuery } from '../schemas/backups.schemas.ts';
import { parse } from '../validate.ts';

/** The backups page (admin): the latest runs, the schedule, and whether the last good one is too old. */
export const backupsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit } = parse(backupsQuery, req.query);
    res.json(reply(ops.list, 200, await listBackups(deps, req.actor!, page, limit)));
  });
  return r;
};
