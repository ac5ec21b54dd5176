import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { editDocument } from '../../app/documents/edit-document.ts';
import { getBatch } from '../../app/documents/get-batch.ts';
import { importBatch } from '../../app/documents/import-batch.ts';
import { presentDocument } from '../../app/documents/present-document.ts';
import { getCorrections, getDocumentDetail, getText } from '../../app/documents/read-documents.ts';
import { requireUploader } from '../../app/documents/store-original.ts';
import { uploadDocument } from '../../app/documents/upload-document.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { AppError } from '../../domain/errors.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { code, isoDate, parse } from '../validate.ts';
import { sendDocumentContent } from '../send-content.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';

const tags = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(50)).max(20));

/** The metadata fields of an upload form (multipart fields are strings). */
const documentFields = z.object({
  title: z.string().trim().max(500).optional(),
  classificationCode: code.optional(),
  securityLevel: z.enum(SECURITY_LEVELS).optional(),
  unitCode: code.optional(),
  documentDate: isoDate.optional(),
  tags: tags.optional(),
  letterNumber: z.string().trim().max(100).optional(),
  sender: z.string().trim().max(300).optional(),
  /** An old scheme's code for bulk imports of old archives: kept as metadata, the record stays unclassified. */
  legacyCode: z.string().trim().min(1).max(64).optional(),
});

/** The JSON body of an edit: the same fields, tags as an array, nothing else. */
const documentChanges = documentFields
  .omit({ legacyCode: true })
  .extend({ title: z.string().trim().min(1).max(500).optional(), tags: z.array(z.string().trim().min(1).max(50)).max(20).optional() })
  .strict();

const id = z.string().uuid('not a document id');

export const documentsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireUploader });
  const many = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: deps.limits.batchMaxFiles, gate: requireUploader });

  r.post(
    '/documents',
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', {
          errors: [{ field: 'file', message: 'send the document as the "file" part', code: 'file_missing' }],
        });
      const fields = parse(documentFields, req.body ?? {});
      const { document, duplicate } = await uploadDocument(deps, req.actor!, file.staged, fields, file.filename);
      res.status(duplicate ? 200 : 201).json({ ...presentDocument(document), duplicate });
    }),
  );

  r.post(
    '/documents/batch',
    many,
    withUploads(deps.staging, async (req, res) => {
      const fields = parse(documentFields, req.body ?? {});
      const files = (req.uploads ?? []).map((u) => ({ staged: u.staged, filename: u.filename ?? 'tanpa-nama' }));
      const out = await importBatch(deps, req.actor!, files, fields);
      res.status(202).location(`/api/v1/documents/batch/${out.batchId}`).json(out);
    }),
  );

  r.get('/documents/batch/:batchId', async (req, res) => {
    res.json(await getBatch(deps, req.actor!, parse(id, req.params.batchId)));
  });

  r.get('/documents/:id', async (req, res) => {
    const { document, holds } = await getDocumentDetail(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, document.version);
    res.json(presentDocument(document, { holds }));
  });

  r.patch('/documents/:id', async (req, res) => {
    const { reason, ...changes } = parse(documentChanges.extend({ reason: z.string().trim().min(1).max(1000).optional() }), req.body ?? {});
    const document = await editDocument(deps, req.actor!, parse(id, req.params.id), changes, { ifVersion: ifMatchVersion(req), reason });
    setEtag(res, document.version);
    res.json(presentDocument(document));
  });

  r.get('/documents/:id/corrections', async (req, res) => {
    res.json(await getCorrections(deps, req.actor!, parse(id, req.params.id)));
  });

  r.get('/documents/:id/content', async (req, res) => {
    await sendDocumentContent(deps, req.actor!, parse(id, req.params.id), res);
  });

  r.get('/documents/:id/text', async (req, res) => {
    res.json(await getText(deps, req.actor!, parse(id, req.params.id)));
  });

  return r;
};
