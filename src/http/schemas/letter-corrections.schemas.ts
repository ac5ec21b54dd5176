/**
 * Mistakes corrected before and after registering an incoming letter (issue 18): requests and
 * responses, declared once (see documents.schemas.ts).
 */
import { z } from 'zod';
import { URGENCIES } from '../../domain/correspondence.ts';
import { DOCUMENT_KINDS } from '../../domain/document.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { operation } from '../openapi/operation.ts';
import { code, officeDate, plain } from '../validate.ts';
import { binary, day, timestamp } from './common.schemas.ts';
import { correctionSchema, fieldValues } from './documents.schemas.ts';
import { incomingLetterSchema, instant, letterId, required } from './incoming.schemas.ts';

export const sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 as 64 hexadecimal digits')
  .transform((s) => s.toLowerCase());
const reason = plain(z.string().trim().min(1, 'required').max(1000, 'at most 1000 characters'));

/** A correction names only the fields it changes (JSON); `classificationCode: null` files it as unclassified. */
export const letterChanges = z
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

export const voidBody = z.object({ reason }).strict();

const ifMatch = z.object({
  'If-Match': z.string().optional().meta({ description: 'the ETag (version) the change was made on; 412 when it is no longer current' }),
});
const voidMark = z.object({ at: timestamp, by: z.string(), reason: z.string() });
const byId = z.object({ id: letterId });

export const letterCorrectionOps = {
  edit: operation({
    method: 'patch',
    path: '/api/v1/letters/incoming/:id',
    summary:
      "Correct a registered letter's details (a clerk of its unit, an admin): audited with the values before and after, versioned; its scan's description, level and unit follow. A security level above the corrector's clearance is 403; a unit outside their filing scope 403 (outside-filing-scope); a new unit gives the letter that unit's next agenda number, its old number staying in the old register marked void",
    params: byId,
    headers: ifMatch,
    body: { 'application/json': letterChanges },
    responses: { 200: { description: 'the corrected letter (ETag: its version)', schema: incomingLetterSchema } },
    errors: [400, 401, 403, 404, 409, 412, 422],
  }),
  void: operation({
    method: 'post',
    path: '/api/v1/letters/incoming/:id/void',
    summary: 'Void an agenda entry with a reason: the number stays in the register marked void and is never given again; 409 while a disposition of it is open',
    params: byId,
    headers: ifMatch,
    body: { 'application/json': voidBody },
    responses: { 200: { description: 'the voided letter', schema: incomingLetterSchema } },
    errors: [400, 401, 403, 404, 409, 412],
  }),
  corrections: operation({
    method: 'get',
    path: '/api/v1/letters/incoming/:id/corrections',
    summary: "A letter's corrections (version, who, when, why, values before and after), its details as first registered, and its void mark",
    params: byId,
    responses: {
      200: {
        description: 'the history',
        schema: z
          .object({
            version: z.number().int(),
            original: fieldValues.meta({ description: 'the details as first registered' }),
            corrections: z.array(correctionSchema),
            voided: voidMark.nullable(),
          })
          .meta({ id: 'LetterCorrections' }),
      },
    },
    errors: [401, 404],
  }),
  suggest: operation({
    method: 'post',
    path: '/api/v1/letters/incoming/suggest',
    summary:
      "Suggestions for the registration form from a dropped file: letter number, date, sender, subject, from a PDF's text layer (first pages) or else from OCR of the first page of a scan, under a time limit (source ocr-timed-out: no suggestions). Nothing is stored. 429 reading-busy with Retry-After when too many scans are being read for clerks at once",
    body: { 'multipart/form-data': z.object({ file: binary }) },
    responses: {
      200: {
        description: 'what the text says',
        schema: z
          .object({
            mimeType: z.string(),
            textLayer: z.boolean(),
            source: z.enum(['text-layer', 'ocr', 'ocr-timed-out']),
            suggestions: z.object({
              letterNumber: z.string().optional(),
              letterDate: day.optional(),
              sender: z.string().optional(),
              subject: z.string().optional(),
            }),
          })
          .meta({ id: 'LetterSuggestions' }),
      },
    },
    errors: [400, 401, 403, 413, 415, 422, 429, 503],
  }),
  bySha256: operation({
    method: 'get',
    path: '/api/v1/documents/by-sha256/:sha256',
    summary:
      'Whether these bytes are archived already (clerks, admins), asked before registering: a document the caller may see is named with its letter; one they may not see is only said to exist (visible: false)',
    params: z.object({ sha256 }),
    responses: {
      200: {
        description: 'what is archived',
        schema: z
          .object({
            exists: z.boolean(),
            visible: z.boolean(),
            document: z.object({ id: z.string(), title: z.string(), kind: z.enum(DOCUMENT_KINDS), createdAt: timestamp }).nullable(),
            letter: z
              .object({ id: z.string(), agendaNumber: z.number().int(), agendaYear: z.number().int(), unitCode: z.string(), voided: z.boolean() })
              .nullable(),
          })
          .meta({ id: 'ArchivedFile' }),
      },
    },
    errors: [401, 403, 422],
  }),
};
