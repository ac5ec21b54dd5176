import { Router } from 'express';
import { z } from 'zod';
import { listBackups } from '../../app/backup/list-backups.ts';
import type { AppDeps } from '../../app/deps.ts';
import { paging, parse } from '../validate.ts';

const listQuery = z.object(paging);

/** The backups page (admin): the latest runs, the schedule, and whether the last good one is too old. */
export const backupsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/backups', async (req, res) => {
    const { page, limit } = parse(listQuery, req.query);
    res.json(await listBackups(deps, req.actor!, page, limit));
  });
  return r;
};
