import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { editDocument } from '../../app/documents/edit-document.ts';
import { getBatch } from '../../app/documents/get-batch.ts';
import { importBatch } from '../../app/documents/import-batch.ts';
import { presentDocument } from '../../app/documents/present-document.ts';
import { getCorrections, getDocumentDetail, getText } from '../../app/documents/read-documents.ts';
import { requireUploader } from '../../app/documents/store-original.ts';
import { uploadDocument } from '../../app/documents/upload-document.ts';
import { AppError } from '../../domain/errors.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { parse } from '../validate.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { documentChanges, documentFields, documentId as id, documentOps as ops } from '../schemas/documents.schemas.ts';
import { sendDocumentContent } from '../send-content.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';

export const documentsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireUploader });
  const many = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: deps.limits.batchMaxFiles, gate: requireUploader });

  r.post(
    routePath(ops.upload),
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', {
          errors: [{ field: 'file', message: 'send the document as the "file" part', code: 'file_missing' }],
        });
      const fields = parse(documentFields, req.body ?? {});
      const { document, duplicate } = await uploadDocument(deps, req.actor!, file.staged, fields, file.filename);
      res.status(duplicate ? 200 : 201).json(reply(ops.upload, 201, { ...presentDocument(document), duplicate }));
    }),
  );

  r.post(
    routePath(ops.importBatch),
    many,
    withUploads(deps.staging, async (req, res) => {
      const fields = parse(documentFields, req.body ?? {});
      const files = (req.uploads ?? []).map((u) => ({ staged: u.staged, filename: u.filename ?? 'tanpa-nama' }));
      const out = await importBatch(deps, req.actor!, files, fields);
      res
        .status(202)
        .location(`/api/v1/documents/batch/${out.batchId}`)
        .json(reply(ops.importBatch, 202, out));
    }),
  );

  r.get(routePath(ops.batch), async (req, res) => {
    res.json(reply(ops.batch, 200, await getBatch(deps, req.actor!, parse(id, req.params.batchId))));
  });

  r.get(routePath(ops.get), async (req, res) => {
    const { document, holds } = await getDocumentDetail(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, document.version);
    res.json(reply(ops.get, 200, presentDocument(document, { holds })));
  });

  r.patch(routePath(ops.edit), async (req, res) => {
    const { reason, ...changes } = parse(documentChanges, req.body ?? {});
    const document = await editDocument(deps, req.actor!, parse(id, req.params.id), changes, { ifVersion: ifMatchVersion(req), reason });
    setEtag(res, document.version);
    res.json(reply(ops.edit, 200, presentDocument(document)));
  });

  r.get(routePath(ops.corrections), async (req, res) => {
    res.json(reply(ops.corrections, 200, await getCorrections(deps, req.actor!, parse(id, req.params.id))));
  });

  r.get(routePath(ops.content), async (req, res) => {
    await sendDocumentContent(deps, req.actor!, parse(id, req.params.id), res);
  });

  r.get(routePath(ops.text), async (req, res) => {
    res.json(reply(ops.text, 200, await getText(deps, req.actor!, parse(id, req.params.id))));
  });

  return r;
};
