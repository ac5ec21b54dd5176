import { type Response, Router } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkpointText } from '../../app/audit/checkpoint-text.ts';
import { latestCheckpoint, listCheckpoints, recordCheckpoint } from '../../app/audit/checkpoints.ts';
import { exportAudit, userActivity } from '../../app/audit/export-audit.ts';
import { listAudit } from '../../app/audit/list-audit.ts';
import { presentAuditEntry } from '../../app/audit/present-audit.ts';
import { checkAuditTrail } from '../../app/audit/verify-audit.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { contentDisposition } from '../content-disposition.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { auditQuery, auditOps as ops, checkpointQuery, claimQuery, rangeQuery } from '../schemas/audit.schemas.ts';
import { parse } from '../validate.ts';
import { userId } from '../schemas/common.schemas.ts';

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
  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, documentId, actorId, action, from, to } = parse(auditQuery, req.query);
    res.json(reply(ops.list, 200, await listAudit(deps, req.actor!, { targetId: documentId, actorId, action, from, to }, page, limit)));
  });
  r.get(routePath(ops.verify), async (req, res) => {
    const { seq, hash } = parse(claimQuery, req.query);
    res.json(reply(ops.verify, 200, await checkAuditTrail(deps, req.actor!, seq !== undefined && hash ? { seq, hash: hash.toLowerCase() } : undefined)));
  });
  r.get(routePath(ops.export), async (req, res) => {
    const range = parse(rangeQuery, req.query);
    await sendNdjson(res, `audit-${stamp(deps.clock.now())}.ndjson`, await exportAudit(deps, req.actor!, range));
  });
  r.post(routePath(ops.checkpoint), async (req, res) => {
    res.status(201).json(reply(ops.checkpoint, 201, await recordCheckpoint(deps, req.actor!)));
  });
  r.get(routePath(ops.checkpoints), async (req, res) => {
    const { page, limit } = parse(checkpointQuery, req.query);
    res.json(reply(ops.checkpoints, 200, await listCheckpoints(deps, req.actor!, page, limit)));
  });
  r.get(routePath(ops.latest), async (req, res) => {
    const latest = await latestCheckpoint(deps, req.actor!);
    if (req.accepts(['application/json', 'text/plain']) === 'text/plain') res.type('text/plain').send(checkpointText(latest));
    else res.json(reply(ops.latest, 200, latest));
  });
  r.get(routePath(ops.activity), async (req, res) => {
    const id = parse(userId, req.params.id);
    const range = parse(rangeQuery, req.query);
    await sendNdjson(res, `activity-${id}-${stamp(deps.clock.now())}.ndjson`, await userActivity(deps, req.actor!, id, range));
  });
  return r;
};
