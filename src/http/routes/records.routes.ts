import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { decideDisposal, executeDisposal, getDisposal, listDisposals, proposeDisposal } from '../../app/records/disposals.ts';
import { lastFixity, startFixity } from '../../app/records/fixity.ts';
import { createHold, getHold, listHolds, releaseHold } from '../../app/records/holds.ts';
import { listDue, listUnclassified, recordsSummary, runRetentionPassNow } from '../../app/records/record-lists.ts';
import { openTransferPackage } from '../../app/records/transfer-package.ts';
import { confirmTransfer, createTransfer, getTransfer, listTransfers } from '../../app/records/transfers.ts';
import { contentDisposition } from '../content-disposition.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { decisionBody, disposalBody, disposalsQuery, recordActOps as acts, transferBody, transfersQuery } from '../schemas/record-acts.schemas.ts';
import { holdBody, holdsQuery, recordActId as id, recordOps as ops, recordListQuery, releaseBody } from '../schemas/records.schemas.ts';
import { parse } from '../validate.ts';

/** The records lifecycle (issue 11): retention lists, legal holds, disposal, transfer, fixity. */
export const recordsRoutes = (deps: AppDeps): Router => {
  const r = Router();

  r.get(routePath(ops.due), async (req, res) => {
    const { page, limit, ...q } = parse(recordListQuery, req.query);
    res.json(reply(ops.due, 200, await listDue(deps, req.actor!, q, page, limit)));
  });
  r.get(routePath(ops.unclassified), async (req, res) => {
    const { page, limit, ...q } = parse(recordListQuery, req.query);
    res.json(reply(ops.unclassified, 200, await listUnclassified(deps, req.actor!, q, page, limit)));
  });
  r.get(routePath(ops.summary), async (req, res) => {
    res.json(reply(ops.summary, 200, await recordsSummary(deps, req.actor!)));
  });
  r.post(routePath(ops.retentionPass), async (req, res) => {
    res.status(202).json(reply(ops.retentionPass, 202, await runRetentionPassNow(deps, req.actor!)));
  });

  r.post(routePath(ops.hold), async (req, res) => {
    const hold = await createHold(deps, req.actor!, parse(holdBody, req.body));
    res
      .status(201)
      .location(`/api/v1/holds/${hold.id}`)
      .json(reply(ops.hold, 201, hold));
  });
  r.get(routePath(ops.holds), async (req, res) => {
    const { page, limit, open } = parse(holdsQuery, req.query);
    res.json(reply(ops.holds, 200, await listHolds(deps, req.actor!, { open: open === undefined ? undefined : open === 'true' }, page, limit)));
  });
  r.get(routePath(ops.getHold), async (req, res) => {
    res.json(reply(ops.getHold, 200, await getHold(deps, req.actor!, parse(id, req.params.id))));
  });
  r.post(routePath(ops.release), async (req, res) => {
    res.json(reply(ops.release, 200, await releaseHold(deps, req.actor!, parse(id, req.params.id), parse(releaseBody, req.body).reason)));
  });

  r.post(routePath(acts.propose), async (req, res) => {
    const d = await proposeDisposal(deps, req.actor!, parse(disposalBody, req.body));
    res
      .status(201)
      .location(`/api/v1/disposals/${d.id}`)
      .json(reply(acts.propose, 201, d));
  });
  r.get(routePath(acts.disposals), async (req, res) => {
    const { page, limit, status } = parse(disposalsQuery, req.query);
    res.json(reply(acts.disposals, 200, await listDisposals(deps, req.actor!, { status }, page, limit)));
  });
  r.get(routePath(acts.disposal), async (req, res) => {
    res.json(reply(acts.disposal, 200, await getDisposal(deps, req.actor!, parse(id, req.params.id))));
  });
  for (const [op, decision] of [
    [acts.approve, 'approved'],
    [acts.reject, 'rejected'],
  ] as const) {
    r.post(routePath(op), async (req, res) => {
      res.json(reply(op, 200, await decideDisposal(deps, req.actor!, parse(id, req.params.id), decision, parse(decisionBody, req.body ?? {}).note ?? null)));
    });
  }
  r.post(routePath(acts.execute), async (req, res) => {
    const d = await executeDisposal(deps, req.actor!, parse(id, req.params.id));
    const status = d.status === 'executed' ? 200 : 202;
    res.status(status).json(reply(acts.execute, status, d));
  });

  r.post(routePath(acts.prepare), async (req, res) => {
    const t = await createTransfer(deps, req.actor!, parse(transferBody, req.body));
    res
      .status(201)
      .location(`/api/v1/transfers/${t.id}`)
      .json(reply(acts.prepare, 201, t));
  });
  r.get(routePath(acts.transfers), async (req, res) => {
    const { page, limit, status } = parse(transfersQuery, req.query);
    res.json(reply(acts.transfers, 200, await listTransfers(deps, req.actor!, { status }, page, limit)));
  });
  r.get(routePath(acts.transfer), async (req, res) => {
    res.json(reply(acts.transfer, 200, await getTransfer(deps, req.actor!, parse(id, req.params.id))));
  });
  r.get(routePath(acts.package), async (req, res) => {
    const { filename, stream } = await openTransferPackage(deps, req.actor!, parse(id, req.params.id));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // A failure half-way breaks the download (no trailing central directory), never a bag that looks whole.
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });
  r.post(routePath(acts.confirm), async (req, res) => {
    res.json(reply(acts.confirm, 200, await confirmTransfer(deps, req.actor!, parse(id, req.params.id))));
  });

  r.get(routePath(ops.fixity), async (req, res) => {
    res.json(reply(ops.fixity, 200, await lastFixity(deps, req.actor!)));
  });
  r.post(routePath(ops.runFixity), async (req, res) => {
    res.status(202).json(reply(ops.runFixity, 202, await startFixity(deps, 'demand', req.actor!)));
  });
  return r;
};
