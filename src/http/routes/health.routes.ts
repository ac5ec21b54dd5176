import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { checkReadiness } from '../../app/operations/readiness.ts';
import { sendProblem } from '../problem.ts';

/** Liveness (the process runs) and readiness (every backend answers, or 503 naming the one that does not). */
export const healthRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    const out = await checkReadiness(deps);
    if (out.ready) {
      res.json({ status: 'ready', checks: out.checks });
      return;
    }
    sendProblem(res, 'unavailable', `not ready: ${out.down.join(', ')} ${out.down.length === 1 ? 'is' : 'are'} down`, { backend: out.down.join(',') });
  });
  return r;
};
