import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { getIncoming, listIncoming } from '../../app/incoming/read-incoming.ts';
import { registerIncoming, requireRegistrar } from '../../app/incoming/register-incoming.ts';
import { INCOMING_STATUSES, URGENCIES } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { setEtag } from '../etag.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { code, isoDate, officeDate, one, paging, parse, plain, YEAR_MESSAGE, yearInRange } from '../validate.ts';

/** A blank form field or query parameter means "not given" (browsers send empty inputs). */
export const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());
/** One line of text: no control or bidi-override characters (they would garble the register and its exports). */
export const required = (max: number) =>
  plain(
    z
      .string({ error: (i) => (i.input === undefined ? 'required' : 'expected text') })
      .trim()
      .min(1, 'required')
      .max(max, `at most ${max} characters`),
  );

/** A date-time with its offset, e.g. 2025-03-04T09:15:00+07:00. */
export const instant = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      isoDate.safeParse(s.slice(0, 10)).success &&
      !Number.isNaN(Date.parse(s)),
    { message: 'a date-time with offset, e.g. 2025-03-04T09:15:00+07:00', params: { code: 'not_a_date' } },
  )
  .refine(yearInRange, YEAR_MESSAGE)
  .transform((s) => new Date(s));

/** The form beside the scan (multipart fields are strings). */
const incomingFields = z.object({
  letterNumber: required(100),
  letterDate: officeDate,
  sender: required(300),
  subject: required(500),
  urgency: z.enum(URGENCIES),
  securityLevel: optional(z.enum(SECURITY_LEVELS)),
  classificationCode: optional(code),
  receivedAt: optional(instant),
  unitCode: optional(code),
});

const listQuery = z
  .object({
    ...paging,
    status: one(optional(z.enum(INCOMING_STATUSES))),
    urgency: one(optional(z.enum(URGENCIES))),
    unitCode: one(optional(code)),
    // A NUL or other control character would only fail in the database (SQLite refuses it in LIKE).
    sender: one(optional(plain(z.string().trim().max(300)))),
    q: one(optional(plain(z.string().trim().max(200)))),
    from: one(optional(isoDate)),
    to: one(optional(isoDate)),
    voided: one(optional(z.enum(['true', 'false']).transform((v) => v === 'true'))),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from must not be after to', path: ['to'], params: { code: 'before_start' } });

const id = z.string().uuid('not a letter id');

export const incomingRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const single = acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireRegistrar });

  r.post(
    '/letters/incoming',
    single,
    withUploads(deps.staging, async (req, res) => {
      const file = req.uploads?.[0];
      if (!file)
        throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the scan as the "file" part', code: 'file_missing' }] });
      const fields = parse(incomingFields, req.body ?? {});
      const letter = await registerIncoming(deps, req.actor!, file.staged, fields, file.filename);
      res.status(201).location(`/api/v1/letters/incoming/${letter.id}`).json(letter);
    }),
  );

  r.get('/letters/incoming', async (req, res) => {
    const { page, limit, ...query } = parse(listQuery, req.query);
    res.json(await listIncoming(deps, req.actor!, query, page, limit));
  });

  r.get('/letters/incoming/:id', async (req, res) => {
    const letter = await getIncoming(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, letter.version);
    res.json(letter);
  });

  return r;
};
