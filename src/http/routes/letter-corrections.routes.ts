import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { findBySha256 } from '../../app/documents/find-by-sha256.ts';
import { editIncoming } from '../../app/incoming/edit-incoming.ts';
import { getIncomingCorrections } from '../../app/incoming/incoming-corrections.ts';
import { requireRegistrar } from '../../app/incoming/register-incoming.ts';
import { suggestIncoming } from '../../app/incoming/suggest-incoming.ts';
import { voidIncoming } from '../../app/incoming/void-incoming.ts';
import { URGENCIES } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { code, officeDate, parse, plain } from '../validate.ts';
import { instant, required } from '../schemas/incoming.schemas.ts';

const id = z.string().uuid('not a letter id');
const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 as 64 hexadecimal digits')
  .transform((s) => s.toLowerCase());
const reason = plain(z.string().trim().min(1, 'required').max(1000, 'at most 1000 characters'));

/** A correction names only the fields it changes (JSON); `classificationCode: null` files it as unclassified. */
const letterChanges = z
  .object({
    letterNumber: required(100).optional(),
    letterDate: officeDate.optional(),
    sender: required(300).optional(),
    subject: required(500).optional(),
    urgency: z.enum(URGENCIES).optional(),
    receivedAt: instant.optional(),
    classificationCode: code.nullable().optional(),
    securityLevel: z.enum(SECURITY_LEVELS).optional(),
    unitCode: code.optional(),
    reason: reason.optional(),
  })
  .strict();

/**
 * Mistakes corrected before and after registering (issue 18): the duplicate check and the
 * suggestions read from a dropped file before any agenda number is taken, then correcting,
 * voiding and the history of a registered letter.
 */
export const letterCorrectionsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireRegistrar });

  r.get('/documents/by-sha256/:sha256', async (req, res) => {
    res.json(await findBySha256(deps, req.actor!, parse(sha256, req.params.sha256)));
  });

  r.post(
    '/letters/incoming/suggest',
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the scan as the "file" part', code: 'file_missing' }] });
      // A clerk who drops another file or leaves frees the OCR worker at once.
      const gone = new AbortController();
      res.on('close', () => res.writableEnded || gone.abort());
      try {
        res.json(await suggestIncoming(deps, req.actor!, file.staged, file.filename, gone.signal));
      } catch (err) {
        // Nobody is left to answer: not a server error worth a log line.
        if (!gone.signal.aborted) throw err;
      }
    }),
  );

  r.patch('/letters/incoming/:id', async (req, res) => {
    const { reason: why, ...changes } = parse(letterChanges, req.body ?? {});
    const letter = await editIncoming(deps, req.actor!, parse(id, req.params.id), changes, { ifVersion: ifMatchVersion(req), reason: why });
    setEtag(res, letter.version);
    res.json(letter);
  });

  r.post('/letters/incoming/:id/void', async (req, res) => {
    const body = parse(z.object({ reason }).strict(), req.body ?? {});
    const letter = await voidIncoming(deps, req.actor!, parse(id, req.params.id), body.reason, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(letter);
  });

  r.get('/letters/incoming/:id/corrections', async (req, res) => {
    res.json(await getIncomingCorrections(deps, req.actor!, parse(id, req.params.id)));
  });

  return r;
};
