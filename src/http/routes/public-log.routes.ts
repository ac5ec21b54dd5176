import express, { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { consistencyProof, inclusionProof } from '../../app/public-log/log-proofs.ts';
import { leafRange, logVerifierKey, publishedCheckpoint } from '../../app/public-log/publish.ts';
import { receiveCosignature } from '../../app/public-log/receive-cosignature.ts';
import { AppError } from '../../domain/errors.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { reply } from '../openapi/operation.ts';
import { checkpointQuery, consistencyQuery, inclusionQuery, publicLogOps as ops, rangeQuery } from '../schemas/public-log.schemas.ts';
import { parse } from '../validate.ts';

/**
 * The public log (issue 20), no login, each address on a request budget: the latest checkpoint
 * with its cosignatures, the verifier key, proofs, leaves for mirrors, cosignatures from
 * witnesses, and what this office saw of the logs it witnesses. Answers may be cached briefly:
 * a checkpoint is replaced, never changed, and proofs for a given size never change.
 */
export const publicLogRoutes = (deps: AppDeps): Router => {
  const r = Router();
  // Mirrors and auditors fetch proofs in bursts: a write per 25 requests, not per request, asked
  // for ahead so no request waits for it. The write is a commit, several times a proof's own
  // cost: at one in 10 requests it set the route's 95th percentile. A process's unspent
  // reservations (at most 49) only tighten the budget.
  r.use('/log', rateLimit(deps, { windowMs: 60_000, max: 600, what: 'public log requests', lease: 50 }));

  r.get(ops.checkpoint.path, async (req, res) => {
    const c = await publishedCheckpoint(deps, { cosignatures: parse(checkpointQuery, req.query).cosignatures });
    res.setHeader('Cache-Control', 'no-cache').type('text/plain; charset=utf-8').send(c.note);
  });
  r.get(ops.key.path, (_req, res) => {
    res.type('text/plain; charset=utf-8').send(`${logVerifierKey(deps)}\n`);
  });
  r.get(ops.inclusion.path, async (req, res) => {
    const q = parse(inclusionQuery, req.query);
    const leaf = q.leaf.length <= 15 ? { index: Number(q.leaf) } : { hash: q.leaf.toLowerCase() };
    res.json(reply(ops.inclusion, 200, await inclusionProof(deps, leaf, q.size)));
  });
  r.get(ops.consistency.path, async (req, res) => {
    const q = parse(consistencyQuery, req.query);
    res.json(reply(ops.consistency, 200, await consistencyProof(deps, q.from, q.to)));
  });
  r.get(ops.leaves.path, async (req, res) => {
    const q = parse(rangeQuery, req.query);
    res.json(reply(ops.leaves, 200, await leafRange(deps, q.start, q.end)));
  });
  r.post(ops.cosignature.path, express.text({ type: () => true, limit: '16kb' }), async (req, res) => {
    if (typeof req.body !== 'string' || req.body === '')
      throw new AppError('bad_request', 'send the cosigned checkpoint as text/plain', { errors: [{ field: 'body', message: 'empty' }] });
    res.status(201).json(reply(ops.cosignature, 201, await receiveCosignature(deps, req.body)));
  });
  r.get(ops.witnessViews.path, async (_req, res) => {
    const views = (await deps.db.publicLog.witnessViews()).map((v) => ({ origin: v.origin, size: v.size, note: v.note, at: v.at.toISOString() }));
    res.json(reply(ops.witnessViews, 200, { views }));
  });
  return r;
};
