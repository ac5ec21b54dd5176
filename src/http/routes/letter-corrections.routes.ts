import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { findBySha256 } from '../../app/documents/find-by-sha256.ts';
import { editIncoming } from '../../app/incoming/edit-incoming.ts';
import { getIncomingCorrections } from '../../app/incoming/incoming-corrections.ts';
import { requireRegistrar } from '../../app/incoming/register-incoming.ts';
import { suggestIncoming } from '../../app/incoming/suggest-incoming.ts';
import { voidIncoming } from '../../app/incoming/void-incoming.ts';
import { AppError } from '../../domain/errors.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { letterId as id } from '../schemas/incoming.schemas.ts';
import { letterChanges, letterCorrectionOps as ops, sha256, voidBody } from '../schemas/letter-corrections.schemas.ts';
import { parse } from '../validate.ts';

/**
 * Mistakes corrected before and after registering (issue 18): the duplicate check and the
 * suggestions read from a dropped file before any agenda number is taken, then correcting,
 * voiding and the history of a registered letter.
 */
export const letterCorrectionsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireRegistrar });

  r.get(routePath(ops.bySha256), async (req, res) => {
    res.json(reply(ops.bySha256, 200, await findBySha256(deps, req.actor!, parse(sha256, req.params.sha256))));
  });

  r.post(
    routePath(ops.suggest),
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the scan as the "file" part', code: 'file_missing' }] });
      // A clerk who drops another file or leaves frees the OCR worker at once.
      const gone = new AbortController();
      res.on('close', () => res.writableEnded || gone.abort());
      try {
        res.json(reply(ops.suggest, 200, await suggestIncoming(deps, req.actor!, file.staged, file.filename, gone.signal)));
      } catch (err) {
        // Nobody is left to answer: not a server error worth a log line.
        if (!gone.signal.aborted) throw err;
      }
    }),
  );

  r.patch(routePath(ops.edit), async (req, res) => {
    const { reason: why, ...changes } = parse(letterChanges, req.body ?? {});
    const letter = await editIncoming(deps, req.actor!, parse(id, req.params.id), changes, { ifVersion: ifMatchVersion(req), reason: why });
    setEtag(res, letter.version);
    res.json(reply(ops.edit, 200, letter));
  });

  r.post(routePath(ops.void), async (req, res) => {
    const body = parse(voidBody, req.body ?? {});
    const letter = await voidIncoming(deps, req.actor!, parse(id, req.params.id), body.reason, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(reply(ops.void, 200, letter));
  });

  r.get(routePath(ops.corrections), async (req, res) => {
    res.json(reply(ops.corrections, 200, await getIncomingCorrections(deps, req.actor!, parse(id, req.params.id))));
  });

  return r;
};
