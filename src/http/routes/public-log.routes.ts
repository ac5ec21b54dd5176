import express, { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { consistencyProof, inclusionProof } from '../../app/public-log/log-proofs.ts';
import { leafRange, logVerifierKey, publishedCheckpoint } from '../../app/public-log/publish.ts';
import { receiveCosignature } from '../../app/public-log/receive-cosignature.ts';
import { AppError } from '../../domain/errors.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { one, parse } from '../validate.ts';

const index = (max = Number.MAX_SAFE_INTEGER) => one(z.coerce.number().int().min(0).max(max));
const inclusionQuery = z.object({
  leaf: one(z.string().regex(/^(\d{1,15}|[0-9a-fA-F]{64})$/, 'a leaf position, or its leaf hash as 64 hex digits')),
  size: index().optional(),
});
const consistencyQuery = z.object({ from: index(), to: index() });
const rangeQuery = z.object({ start: index(), end: index() });
/** A verifier requiring k cosignatures asks for the newest head that many trusted witnesses cosigned. */
const checkpointQuery = z.object({ cosignatures: index(64).optional() });

/**
 * The public log (issue 20), no login, each address on a request budget: the latest checkpoint
 * with its cosignatures, the verifier key, proofs, leaves for mirrors, cosignatures from
 * witnesses, and what this office saw of the logs it witnesses. Answers may be cached briefly:
 * a checkpoint is replaced, never changed, and proofs for a given size never change.
 */
export const publicLogRoutes = (deps: AppDeps): Router => {
  const r = Router();
  // Mirrors and auditors fetch proofs in bursts: a write per 50 requests, not per request. The
  // write is a commit, several times a proof's own cost: at one in 10 requests it set the route's
  // 95th percentile. A process's unspent reservations (at most 49) only tighten the budget.
  r.use('/log', rateLimit(deps, { windowMs: 60_000, max: 600, what: 'public log requests', lease: 50 }));

  r.get('/log/checkpoint', async (req, res) => {
    const c = await publishedCheckpoint(deps, { cosignatures: parse(checkpointQuery, req.query).cosignatures });
    res.setHeader('Cache-Control', 'no-cache').type('text/plain; charset=utf-8').send(c.note);
  });
  r.get('/log/key', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(`${logVerifierKey(deps)}\n`);
  });
  r.get('/log/proof/inclusion', async (req, res) => {
    const q = parse(inclusionQuery, req.query);
    const leaf = q.leaf.length <= 15 ? { index: Number(q.leaf) } : { hash: q.leaf.toLowerCase() };
    res.json(await inclusionProof(deps, leaf, q.size));
  });
  r.get('/log/proof/consistency', async (req, res) => {
    const q = parse(consistencyQuery, req.query);
    res.json(await consistencyProof(deps, q.from, q.to));
  });
  r.get('/log/leaves', async (req, res) => {
    const q = parse(rangeQuery, req.query);
    res.json(await leafRange(deps, q.start, q.end));
  });
  r.post('/log/cosignature', express.text({ type: () => true, limit: '16kb' }), async (req, res) => {
    if (typeof req.body !== 'string' || req.body === '')
      throw new AppError('bad_request', 'send the cosigned checkpoint as text/plain', { errors: [{ field: 'body', message: 'empty' }] });
    res.status(201).json(await receiveCosignature(deps, req.body));
  });
  r.get('/log/witness/views', async (_req, res) => {
    res.json({ views: (await deps.db.publicLog.witnessViews()).map((v) => ({ origin: v.origin, size: v.size, note: v.note, at: v.at.toISOString() })) });
  });
  return r;
};
