import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { listJobs, retryJob } from '../../app/operations/jobs.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { jobId, jobOps as ops, jobsQuery } from '../schemas/jobs.schemas.ts';
import { parse } from '../validate.ts';

/** Background jobs for the operations screen: failed ones by default, and a retry (admin). */
export const jobsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { state, page, limit } = parse(jobsQuery, req.query);
    res.json(reply(ops.list, 200, await listJobs(deps, req.actor!, state, page, limit)));
  });
  r.post(routePath(ops.retry), async (req, res) => {
    res.json(reply(ops.retry, 200, await retryJob(deps, req.actor!, parse(jobId, req.params.id))));
  });
  return r;
};
