import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { listJobs, retryJob } from '../../app/operations/jobs.ts';
import { one, paging, parse } from '../validate.ts';

const listQuery = z.object({ ...paging, state: one(z.enum(['queued', 'running', 'done', 'failed'])).default('failed') });
const jobId = z.string().uuid('not a job id');

/** Background jobs for the operations screen: failed ones by default, and a retry (admin). */
export const jobsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/jobs', async (req, res) => {
    const { state, page, limit } = parse(listQuery, req.query);
    res.json(await listJobs(deps, req.actor!, state, page, limit));
  });
  r.post('/jobs/:id/retry', async (req, res) => {
    res.json(await retryJob(deps, req.actor!, parse(jobId, req.params.id)));
  });
  return r;
};
