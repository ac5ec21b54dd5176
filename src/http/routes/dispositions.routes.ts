import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { completeDisposition } from '../../app/dispositions/complete-disposition.ts';
import { createDispositions } from '../../app/dispositions/create-dispositions.ts';
import { dispositionInbox } from '../../app/dispositions/disposition-inbox.ts';
import { dispositionTree } from '../../app/dispositions/disposition-tree.ts';
import { getDisposition } from '../../app/dispositions/get-disposition.ts';
import { withdrawDisposition } from '../../app/dispositions/withdraw-disposition.ts';
import { DISPOSITION_ACTIONS } from '../../domain/correspondence.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { code, one, parse } from '../validate.ts';

const target = z.union([z.object({ userId: z.string().trim().min(1).max(64) }).strict(), z.object({ unitCode: code }).strict()], {
  error: 'either { "userId": "..." } or { "unitCode": "..." }',
});

/** POST /letters/incoming/:id/dispositions. Recipients' rules (reach, duplicates, self) live in domain. */
const dispositionBody = z
  .object({
    to: z.array(target).max(50, 'at most 50 recipients at once'),
    instruction: z.string().trim().min(1, 'write an instruction').max(4000),
    actions: z
      .array(z.enum(DISPOSITION_ACTIONS))
      .max(DISPOSITION_ACTIONS.length)
      .refine((a) => new Set(a).size === a.length, { message: 'each action once', params: { code: 'duplicate' } })
      .default([]),
    dueAt: z.iso
      .datetime({ offset: true, error: 'a date and time with its offset, e.g. 2025-10-10T16:00:00+07:00' })
      .transform((s) => new Date(s))
      .nullable()
      .optional(),
    parentId: z.uuid('not a disposition id').optional(),
  })
  .strict();

/** POST /dispositions/:id/complete, as JSON or as the text fields of a multipart form. */
const completeBody = z.object({ report: z.string().trim().min(1, 'write a report').max(10_000) }).strict();

/** GET /dispositions/inbox: Berjalan (open, the default) or Selesai (done). */
const inboxQuery = z.object({ state: one(z.enum(['open', 'done'])).default('open') });

const letterId = z.uuid('not a letter id');
const dispositionId = z.uuid('not a disposition id');

export const dispositionsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1 });
  // The report comes as JSON, or as a form when a file goes with it.
  const maybeUpload: RequestHandler = (req, res, next) => (req.is('multipart/form-data') ? single(req, res, next) : next());

  r.post('/letters/incoming/:id/dispositions', async (req, res) => {
    const id = parse(letterId, req.params.id);
    const body = parse(dispositionBody, req.body ?? {});
    const out = await createDispositions(deps, req.actor!, id, {
      to: body.to,
      instruction: body.instruction,
      actions: body.actions,
      dueAt: body.dueAt ?? null,
      parentId: body.parentId,
    });
    res.status(201).json(out);
  });

  r.get('/letters/incoming/:id/dispositions', async (req, res) => {
    res.json(await dispositionTree(deps, req.actor!, parse(letterId, req.params.id)));
  });

  r.post('/dispositions/:id/withdraw', async (req, res) => {
    res.json(await withdrawDisposition(deps, req.actor!, parse(dispositionId, req.params.id)));
  });

  r.get('/dispositions/inbox', async (req, res) => {
    res.json(await dispositionInbox(deps, req.actor!, parse(inboxQuery, req.query).state));
  });

  r.get('/dispositions/:id', async (req, res) => {
    res.json(await getDisposition(deps, req.actor!, parse(dispositionId, req.params.id)));
  });

  r.post(
    '/dispositions/:id/complete',
    maybeUpload,
    withUploads(deps.staging, async (req, res) => {
      const id = parse(dispositionId, req.params.id);
      const { report } = parse(completeBody, req.body ?? {});
      const file = req.uploads?.[0];
      res.json(await completeDisposition(deps, req.actor!, id, report, file ? { staged: file.staged, filename: file.filename } : null));
    }),
  );

  return r;
};
