import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { checkReadiness } from '../../app/operations/readiness.ts';
import { reply } from '../openapi/operation.ts';
import { sendProblem } from '../problem.ts';
import { healthOps as ops } from '../schemas/health.schemas.ts';

/** Liveness (the process runs) and readiness (every backend answers, or 503 naming the one that does not). */
export const healthRoutes = (deps: AppDeps): Router => {
  const r = Router();
  // Outside /api/v1: registered at the declared paths themselves.
  r.get(ops.live.path, (_req, res) => {
    res.json(reply(ops.live, 200, { status: 'ok' }));
  });
  r.get(ops.ready.path, async (_req, res) => {
    const out = await checkReadiness(deps);
    if (out.ready) {
      res.json(reply(ops.ready, 200, { status: 'ready', checks: out.checks }));
      return;
    }
    sendProblem(res, 'unavailable', `not ready: ${out.down.join(', ')} ${out.down.length === 1 ? 'is' : 'are'} down`, { backend: out.down.join(',') });
  });
  return r;
};
