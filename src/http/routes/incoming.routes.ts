import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { getIncoming, listIncoming } from '../../app/incoming/read-incoming.ts';
import { registerIncoming, requireRegistrar } from '../../app/incoming/register-incoming.ts';
import { AppError } from '../../domain/errors.ts';
import { setEtag } from '../etag.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { incomingFields, incomingListQuery, incomingOps as ops, letterId as id } from '../schemas/incoming.schemas.ts';
import { parse } from '../validate.ts';

export const incomingRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireRegistrar });

  r.post(
    routePath(ops.register),
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the scan as the "file" part', code: 'file_missing' }] });
      const fields = parse(incomingFields, req.body ?? {});
      const letter = await registerIncoming(deps, req.actor!, file.staged, fields, file.filename);
      res
        .status(201)
        .location(`/api/v1/letters/incoming/${letter.id}`)
        .json(reply(ops.register, 201, letter));
    }),
  );

  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, ...query } = parse(incomingListQuery, req.query);
    res.json(reply(ops.list, 200, await listIncoming(deps, req.actor!, query, page, limit)));
  });

  r.get(routePath(ops.get), async (req, res) => {
    const letter = await getIncoming(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, letter.version);
    res.json(reply(ops.get, 200, letter));
  });

  return r;
};
