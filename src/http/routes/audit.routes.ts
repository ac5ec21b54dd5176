import { type Response, Router } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { checkpointText } from '../../app/audit/checkpoint-text.ts';
import { latestCheckpoint, listCheckpoints, recordCheckpoint } from '../../app/audit/checkpoints.ts';
import { exportAudit, userActivity } from '../../app/audit/export-audit.ts';
import { listAudit } from '../../app/audit/list-audit.ts';
import { presentAuditEntry } from '../../app/audit/present-audit.ts';
import { checkAuditTrail } from '../../app/audit/verify-audit.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { contentDisposition } from '../content-disposition.ts';
import { isoDate, one, paging, parse } from '../validate.ts';

const DATETIME_TAIL = /^T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (the whole day, UTC) or a date-time with its offset; `to` of a bare date means its last millisecond. */
const instant = (edge: 'start' | 'end') =>
  one(
    z.string().transform((s, ctx) => {
      const day = s.slice(0, 10);
      const ok = isoDate.safeParse(day).success && (s.length === 10 || DATETIME_TAIL.test(s.slice(10)));
      const d = !ok ? null : s.length === 10 ? new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`) : new Date(s);
      if (!d || Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDTHH:MM:SSZ)', params: { code: 'not_a_date' } });
        return z.NEVER;
      }
      return d;
    }),
  );

const timeRange = { from: instant('start').optional(), to: instant('end').optional() };
const ordered = <T extends { from?: Date | undefined; to?: Date | undefined }>(q: T) => !q.from || !q.to || q.from <= q.to;
const orderedMessage = { message: 'from must not be after to', path: ['to'], params: { code: 'before_start' } };

const listQuery = z
  .object({
    ...paging,
    ...timeRange,
    documentId: one(z.string().uuid('not a document id')).optional(),
    actorId: one(z.string().uuid('not a user id')).optional(),
    action: one(
      z
        .string()
        .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, 'an action such as document.upload')
        .max(64),
    ).optional(),
  })
  .refine(ordered, orderedMessage);
const rangeQuery = z.object(timeRange).refine(ordered, orderedMessage);
const claimQuery = z
  .object({
    seq: one(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).optional(),
    hash: one(z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex digits')).optional(),
  })
  .refine((q) => (q.seq === undefined) === (q.hash === undefined), { message: 'give seq and hash together', path: ['hash'], params: { code: 'required' } });
const userId = z.string().uuid('not a user id');

/** Streams entries as NDJSON with backpressure; a client that goes away stops the paging. */
const sendNdjson = async (res: Response, filename: string, entries: AsyncIterable<AuditEntry>) => {
  res.status(200).type('application/x-ndjson').setHeader('Content-Disposition', contentDisposition(filename));
  async function* lines() {
    for await (const e of entries) yield `${JSON.stringify(presentAuditEntry(e))}\n`;
  }
  try {
    await pipeline(Readable.from(lines()), res);
  } catch (e) {
    // Failed before the first byte: the error handler answers with a problem, not an attachment.
    if (!res.headersSent) res.removeHeader('Content-Disposition');
    throw e;
  }
};

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/** The audit trail: list, verify, export, checkpoints, and one user's activity (the use cases check roles). */
export const auditRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/audit', async (req, res) => {
    const { page, limit, documentId, actorId, action, from, to } = parse(listQuery, req.query);
    res.json(await listAudit(deps, req.actor!, { targetId: documentId, actorId, action, from, to }, page, limit));
  });
  r.get('/audit/verify', async (req, res) => {
    const { seq, hash } = parse(claimQuery, req.query);
    res.json(await checkAuditTrail(deps, req.actor!, seq !== undefined && hash ? { seq, hash: hash.toLowerCase() } : undefined));
  });
  r.get('/audit/export', async (req, res) => {
    const range = parse(rangeQuery, req.query);
    await sendNdjson(res, `audit-${stamp(deps.clock.now())}.ndjson`, await exportAudit(deps, req.actor!, range));
  });
  r.post('/audit/checkpoints', async (req, res) => {
    res.status(201).json(await recordCheckpoint(deps, req.actor!));
  });
  r.get('/audit/checkpoints', async (req, res) => {
    const { page, limit } = parse(z.object(paging), req.query);
    res.json(await listCheckpoints(deps, req.actor!, page, limit));
  });
  r.get('/audit/checkpoints/latest', async (req, res) => {
    const latest = await latestCheckpoint(deps, req.actor!);
    if (req.accepts(['application/json', 'text/plain']) === 'text/plain') res.type('text/plain').send(checkpointText(latest));
    else res.json(latest);
  });
  r.get('/users/:id/activity', async (req, res) => {
    const id = parse(userId, req.params.id);
    const range = parse(rangeQuery, req.query);
    await sendNdjson(res, `activity-${id}-${stamp(deps.clock.now())}.ndjson`, await userActivity(deps, req.actor!, id, range));
  });
  return r;
};
