/** The incoming register (surat masuk): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { INCOMING_STATUSES, URGENCIES } from '../../domain/correspondence.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { operation } from '../openapi/operation.ts';
import { code, isoDate, officeDate, one, paging, plain, YEAR_MESSAGE, yearInRange } from '../validate.ts';
import { binary, day, timestamp } from './common.schemas.ts';

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
  .transform((s) => new Date(s))
  .meta({ format: 'date-time' });

/** The form beside the scan (multipart fields are strings). */
export const incomingFields = z.object({
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

export const incomingListQuery = z
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

export const letterId = z.string().uuid('not a letter id');

export const incomingLetterSchema = z
  .object({
    id: z.string(),
    agendaNumber: z.number().int(),
    agendaYear: z.number().int(),
    unitCode: z.string(),
    documentId: z.string(),
    letterNumber: z.string(),
    letterDate: day,
    sender: z.string(),
    subject: z.string(),
    urgency: z.enum(URGENCIES),
    securityLevel: z.enum(SECURITY_LEVELS),
    classificationCode: z.string().nullable(),
    receivedAt: timestamp,
    status: z.enum(INCOMING_STATUSES),
    registeredBy: z.string(),
    sourceOutgoingId: z.string().nullable().meta({ description: 'internal delivery: the signed outgoing letter this entry is' }),
    deliveryKind: z.enum(['addressee', 'copy']).nullable(),
    forInformation: z.boolean().meta({ description: 'a copy (tembusan), for information' }),
    version: z.number().int().meta({ description: 'one more per correction; also the ETag' }),
    voided: z.object({ at: timestamp, by: z.string(), reason: z.string() }).nullable().meta({ description: 'a void entry: the number stays, marked' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    unread: z.boolean().optional().meta({ description: 'in the register list: the caller has not opened it yet (opening it marks it read)' }),
    replies: z
      .array(
        z.object({
          id: z.string(),
          type: z.string(),
          subject: z.string(),
          status: z.string(),
          letterNumber: z.string().nullable(),
          createdAt: timestamp,
        }),
      )
      .optional()
      .meta({ description: 'on one letter: the drafts and letters answering it' }),
    possibleDuplicates: z
      .array(
        z.object({
          id: z.string(),
          agendaNumber: z.number().int(),
          agendaYear: z.number().int(),
          unitCode: z.string(),
          reason: z.enum(['same-number', 'same-file']),
        }),
      )
      .optional()
      .meta({ description: 'on registering: earlier entries with the same number or the same file, flagged, not refused' }),
  })
  .meta({ id: 'IncomingLetter' });

export const incomingOps = {
  register: operation({
    method: 'post',
    path: '/api/v1/letters/incoming',
    summary:
      'Register an incoming letter (clerk, admin): stores the scan and gives the next agenda number of the unit and year; possible duplicates are flagged, not refused',
    body: { 'multipart/form-data': incomingFields.extend({ file: binary }) },
    responses: { 201: { description: 'registered', schema: incomingLetterSchema } },
    errors: [400, 401, 403, 409, 413, 415, 422, 503],
  }),
  list: operation({
    method: 'get',
    path: '/api/v1/letters/incoming',
    summary: 'The register: letters whose document the caller may see, newest received first',
    query: incomingListQuery,
    responses: {
      200: {
        description: 'a page of letters',
        schema: z.object({ items: z.array(incomingLetterSchema), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
      },
    },
    errors: [401, 422],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/letters/incoming/:id',
    summary: 'One incoming letter',
    params: z.object({ id: letterId }),
    responses: { 200: { description: 'the letter (ETag: its version)', schema: incomingLetterSchema } },
    errors: [401, 404, 422],
  }),
};
