import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { decideDisposal, executeDisposal, getDisposal, listDisposals, proposeDisposal } from '../../app/records/disposals.ts';
import { lastFixity, startFixity } from '../../app/records/fixity.ts';
import { createHold, getHold, listHolds, releaseHold } from '../../app/records/holds.ts';
import { MAX_RECORDS_PER_ACT } from '../../app/records/record-access.ts';
import { listDue, listUnclassified, recordsSummary, runRetentionPassNow } from '../../app/records/record-lists.ts';
import { openTransferPackage } from '../../app/records/transfer-package.ts';
import { confirmTransfer, createTransfer, getTransfer, listTransfers } from '../../app/records/transfers.ts';
import { FINAL_DISPOSITIONS } from '../../domain/classification.ts';
import { DISPOSAL_STATUSES, TRANSFER_STATUSES } from '../../domain/records.ts';
import { contentDisposition } from '../content-disposition.ts';
import { code, one, paging, parse, plain } from '../validate.ts';

const id = z.string().uuid('not an id');
const documentIds = z.array(z.string().uuid('not a document id')).min(1, 'name at least one record').max(MAX_RECORDS_PER_ACT);
const reason = plain(z.string().trim().min(3, 'say why (at least 3 characters)').max(2000), { lines: true });
const listQuery = z.object({ ...paging, unitCode: one(code).optional(), finalDisposition: one(z.enum(FINAL_DISPOSITIONS)).optional() });

const holdBody = z.object({ name: plain(z.string().trim().min(1).max(200)), reason, documentIds }).strict();
const releaseBody = z.object({ reason }).strict();
const holdsQuery = z.object({ ...paging, open: one(z.enum(['true', 'false'])).optional() });

const disposalBody = z.object({ documentIds, reason }).strict();
const decisionBody = z.object({ note: plain(z.string().trim().max(2000), { lines: true }).optional() }).strict();
const disposalsQuery = z.object({ ...paging, status: one(z.enum(DISPOSAL_STATUSES)).optional() });

const transferBody = z.object({ documentIds, recipient: plain(z.string().trim().min(2).max(300)).default('Lembaga Kearsipan Daerah') }).strict();
const transfersQuery = z.object({ ...paging, status: one(z.enum(TRANSFER_STATUSES)).optional() });

/** The records lifecycle (issue 11): retention lists, legal holds, disposal, transfer, fixity. */
export const recordsRoutes = (deps: AppDeps): Router => {
  const r = Router();

  r.get('/records/due', async (req, res) => {
    const { page, limit, ...q } = parse(listQuery, req.query);
    res.json(await listDue(deps, req.actor!, q, page, limit));
  });
  r.get('/records/unclassified', async (req, res) => {
    const { page, limit, ...q } = parse(listQuery, req.query);
    res.json(await listUnclassified(deps, req.actor!, q, page, limit));
  });
  r.get('/records/summary', async (req, res) => {
    res.json(await recordsSummary(deps, req.actor!));
  });
  r.post('/records/retention-pass', async (req, res) => {
    res.status(202).json(await runRetentionPassNow(deps, req.actor!));
  });

  r.post('/holds', async (req, res) => {
    const hold = await createHold(deps, req.actor!, parse(holdBody, req.body));
    res.status(201).location(`/api/v1/holds/${hold.id}`).json(hold);
  });
  r.get('/holds', async (req, res) => {
    const { page, limit, open } = parse(holdsQuery, req.query);
    res.json(await listHolds(deps, req.actor!, { open: open === undefined ? undefined : open === 'true' }, page, limit));
  });
  r.get('/holds/:id', async (req, res) => {
    res.json(await getHold(deps, req.actor!, parse(id, req.params.id)));
  });
  r.post('/holds/:id/release', async (req, res) => {
    res.json(await releaseHold(deps, req.actor!, parse(id, req.params.id), parse(releaseBody, req.body).reason));
  });

  r.post('/disposals', async (req, res) => {
    const d = await proposeDisposal(deps, req.actor!, parse(disposalBody, req.body));
    res.status(201).location(`/api/v1/disposals/${d.id}`).json(d);
  });
  r.get('/disposals', async (req, res) => {
    const { page, limit, status } = parse(disposalsQuery, req.query);
    res.json(await listDisposals(deps, req.actor!, { status }, page, limit));
  });
  r.get('/disposals/:id', async (req, res) => {
    res.json(await getDisposal(deps, req.actor!, parse(id, req.params.id)));
  });
  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    r.post(`/disposals/:id/${verb}`, async (req, res) => {
      res.json(await decideDisposal(deps, req.actor!, parse(id, req.params.id), decision, parse(decisionBody, req.body ?? {}).note ?? null));
    });
  }
  r.post('/disposals/:id/execute', async (req, res) => {
    const d = await executeDisposal(deps, req.actor!, parse(id, req.params.id));
    res.status(d.status === 'executed' ? 200 : 202).json(d);
  });

  r.post('/transfers', async (req, res) => {
    const t = await createTransfer(deps, req.actor!, parse(transferBody, req.body));
    res.status(201).location(`/api/v1/transfers/${t.id}`).json(t);
  });
  r.get('/transfers', async (req, res) => {
    const { page, limit, status } = parse(transfersQuery, req.query);
    res.json(await listTransfers(deps, req.actor!, { status }, page, limit));
  });
  r.get('/transfers/:id', async (req, res) => {
    res.json(await getTransfer(deps, req.actor!, parse(id, req.params.id)));
  });
  r.get('/transfers/:id/package', async (req, res) => {
    const { filename, stream } = await openTransferPackage(deps, req.actor!, parse(id, req.params.id));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A failure half-way breaks the download (no trailing central directory), never a bag that looks whole.
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });
  r.post('/transfers/:id/confirm', async (req, res) => {
    res.json(await confirmTransfer(deps, req.actor!, parse(id, req.params.id)));
  });

  r.get('/fixity', async (req, res) => {
    res.json(await lastFixity(deps, req.actor!));
  });
  r.post('/fixity/run', async (req, res) => {
    res.status(202).json(await startFixity(deps, 'demand', req.actor!));
  });
  return r;
};
