import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { completeDisposition } from '../../app/dispositions/complete-disposition.ts';
import { createDispositions } from '../../app/dispositions/create-dispositions.ts';
import { dispositionInbox } from '../../app/dispositions/disposition-inbox.ts';
import { dispositionTree } from '../../app/dispositions/disposition-tree.ts';
import { getDisposition } from '../../app/dispositions/get-disposition.ts';
import { withdrawDisposition } from '../../app/dispositions/withdraw-disposition.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { completeBody, dispositionBody, dispositionId, dispositionOps as ops, inboxQuery } from '../schemas/dispositions.schemas.ts';
import { letterId } from '../schemas/incoming.schemas.ts';
import { parse } from '../validate.ts';

export const dispositionsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1 });
  // The report comes as JSON, or as a form when a file goes with it.
  const maybeUpload: RequestHandler = (req, res, next) => (req.is('multipart/form-data') ? single(req, res, next) : next());

  r.post(routePath(ops.create), async (req, res) => {
    const id = parse(letterId, req.params.id);
    const body = parse(dispositionBody, req.body ?? {});
    const out = await createDispositions(deps, req.actor!, id, {
      to: body.to,
      instruction: body.instruction,
      actions: body.actions,
      dueAt: body.dueAt ?? null,
      parentId: body.parentId,
    });
    res.status(201).json(reply(ops.create, 201, out));
  });

  r.get(routePath(ops.tree), async (req, res) => {
    res.json(reply(ops.tree, 200, await dispositionTree(deps, req.actor!, parse(letterId, req.params.id))));
  });

  r.post(routePath(ops.withdraw), async (req, res) => {
    res.json(reply(ops.withdraw, 200, await withdrawDisposition(deps, req.actor!, parse(dispositionId, req.params.id))));
  });

  r.get(routePath(ops.inbox), async (req, res) => {
    res.json(reply(ops.inbox, 200, await dispositionInbox(deps, req.actor!, parse(inboxQuery, req.query).state)));
  });

  r.get(routePath(ops.get), async (req, res) => {
    res.json(reply(ops.get, 200, await getDisposition(deps, req.actor!, parse(dispositionId, req.params.id))));
  });

  r.post(
    routePath(ops.complete),
    maybeUpload,
    withUploads(deps.staging, async (req, res) => {
      const id = parse(dispositionId, req.params.id);
      const { report } = parse(completeBody, req.body ?? {});
      const file = req.uploads?.[0];
      res.json(
        reply(ops.complete, 200, await completeDisposition(deps, req.actor!, id, report, file ? { staged: file.staged, filename: file.filename } : null)),
      );
    }),
  );

  return r;
};
