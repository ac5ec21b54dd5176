/**
 * Outgoing letters (surat keluar) through review (paraf), revision, dispatch and the preview of
 * a template draft: requests and responses, declared once (see documents.schemas.ts). What a
 * drafter sends is in outgoing-drafts.schemas.ts; signing is signing.schemas.ts.
 */
import { z } from 'zod';
import { DISPATCH_VIA } from '../../domain/correspondence.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { operation } from '../openapi/operation.ts';
import { one, paging, plain } from '../validate.ts';
import { day, timestamp } from './common.schemas.ts';
import { draftBody, lines, revisionBody } from './outgoing-drafts.schemas.ts';

const STATUSES = ['in_review', 'returned', 'approved', 'signed'] as const;

export const approval = z.object({ comment: lines(2000).optional() }).strict();
export const returning = z.object({ comment: lines(2000) }).strict();
export const listQuery = z.object({
  ...paging,
  status: one(z.enum(STATUSES)).optional(),
  waitingFor: one(z.literal('me')).optional().meta({ description: 'where the caller is the current reviewer, or the signer of an approved letter' }),
  drafter: one(z.literal('me')).optional(),
  dispatched: one(z.enum(['true', 'false']))
    .optional()
    .meta({ description: 'signed letters already sent out, or still to send' }),
});
export const dispatchBody = z
  .object({ via: z.enum(DISPATCH_VIA), note: plain(z.string().trim().max(500)).optional().meta({ description: 'e.g. a receipt number' }) })
  .strict();
export const versionQuery = z.object({ version: one(z.coerce.number().int().min(1).max(10_000)).optional() });
export const id = z.string().uuid('not a letter id');

/** An addressee or copy as the API shows it: the fields it was named by, plus its printed name (the person first: a union takes the first shape that fits). */
const party = z.union([
  z.object({ userId: z.string(), unitCode: z.string(), name: z.string() }),
  z.object({ unitCode: z.string(), name: z.string() }),
  z.object({ contactId: z.string(), name: z.string(), address: z.string().nullable(), email: z.string().nullable() }),
  z.object({ name: z.string(), address: z.string().nullable(), email: z.string().nullable() }),
]);
const kind = z.enum(['addressee', 'copy']);
const review = z.object({
  userId: z.string(),
  position: z.number().int(),
  state: z.enum(['pending', 'approved', 'returned', 'not_reached']),
  comment: z.string().nullable(),
  decidedAt: timestamp.nullable(),
});
/** What the drafter wrote when the system rendered the version (domain/correspondence.ts OutgoingTemplate). */
const template = z.object({
  addressee: z.string(),
  body: z.string(),
  place: z.string().nullable(),
  date: day.nullable(),
  attachments: z.string().nullable(),
  signerTitle: z.string().nullable(),
  heading: z.string().nullable().optional(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
  assignees: z.array(z.object({ name: z.string(), nip: z.string().nullable(), position: z.string().nullable() })).optional(),
  copies: z.array(z.string()).optional(),
});

export const outgoingLetterSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: 'the naskah type' }),
    status: z.enum(STATUSES),
    version: z.number().int().meta({ description: 'the current version; also the ETag' }),
    documentId: z.string(),
    subject: z.string(),
    recipient: z.string(),
    addressees: z.array(party),
    copies: z.array(party),
    inReplyTo: z.string().nullable().meta({ description: 'the incoming letter it answers' }),
    classificationCode: z.string(),
    securityLevel: z.enum(SECURITY_LEVELS),
    unitCode: z.string(),
    drafterId: z.string(),
    signerId: z.string(),
    reviewers: z.array(review).meta({ description: "the current version's review steps" }),
    waitingFor: z.string().nullable().meta({ description: 'whose turn it is: a reviewer in review, the signer once approved, the drafter once returned' }),
    letterNumber: z.string().nullable(),
    signedAt: timestamp.nullable(),
    signedDocumentId: z.string().nullable(),
    signerReturn: z.object({ at: timestamp, comment: z.string().nullable() }).nullable(),
    dispatch: z.object({ at: timestamp, by: z.string().nullable(), via: z.enum(DISPATCH_VIA).nullable(), note: z.string().nullable() }).nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    versions: z
      .array(
        z.object({
          version: z.number().int(),
          documentId: z.string(),
          source: z.enum(['template', 'file']),
          template: template.nullable(),
          note: z.string().nullable(),
          createdBy: z.string(),
          createdAt: timestamp,
          reviews: z.array(review),
        }),
      )
      .optional()
      .meta({ description: 'one letter (not in lists): every version with its review steps' }),
    deliveries: z
      .array(z.object({ unitCode: z.string(), incomingLetterId: z.string(), kind }))
      .optional()
      .meta({ description: 'one letter, once signed: the registers of this office it landed in' }),
    emails: z
      .array(
        z.object({
          name: z.string(),
          address: z.string(),
          kind,
          state: z.enum(['pending', 'sending', 'sent', 'failed']),
          reason: z.string().nullable(),
          sentAt: timestamp.nullable(),
        }),
      )
      .optional()
      .meta({
        description:
          'one letter, once signed, with a mail server: each external addressee or copy with an address, sent the signed PDF and its verification link',
      }),
    verificationCode: z.string().nullable().optional().meta({ description: 'GET of one letter, once signed' }),
    verifyUrl: z.string().nullable().optional(),
  })
  .meta({ id: 'OutgoingLetter' });

const byId = z.object({ id });
const ifMatch = z.object({
  'If-Match': z.string().optional().meta({ description: 'the ETag (version) read; 412 when it is no longer current' }),
});
const letter = (description: string) => ({ description, schema: outgoingLetterSchema });

export const outgoingOps = {
  draft: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing',
    summary: 'Draft an outgoing letter (staff, official, clerk): upload the PDF, or send a template the system renders; reviewers act in the order given',
    body: draftBody,
    responses: { 201: letter('the draft: in_review, or approved when nobody reviews') },
    errors: [400, 401, 403, 409, 413, 415, 422],
  }),
  preview: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/preview',
    summary: 'The letter as it would print, before it is submitted: the same JSON as a template draft; nothing is stored',
    body: { 'application/json': draftBody['application/json'] },
    responses: { 200: { description: 'the rendered PDF', type: 'application/pdf' } },
    errors: [400, 401, 403, 415, 422],
  }),
  list: operation({
    method: 'get',
    path: '/api/v1/letters/outgoing',
    summary: 'Outgoing letters the caller may see; waitingFor=me: where the caller is the current reviewer, or the signer of an approved letter',
    query: listQuery,
    responses: {
      200: {
        description: 'a page of letters',
        schema: z.object({ items: z.array(outgoingLetterSchema), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
      },
    },
    errors: [401, 422],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/letters/outgoing/:id',
    summary: 'A letter with its versions and review steps',
    params: byId,
    responses: { 200: letter('the letter (ETag: its version)') },
    errors: [401, 404, 422],
  }),
  document: operation({
    method: 'get',
    path: '/api/v1/letters/outgoing/:id/document',
    summary: "The current version's PDF (or ?version=n), as an attachment",
    params: byId,
    query: versionQuery,
    responses: { 200: { description: 'the PDF', type: 'application/pdf' } },
    errors: [401, 404, 422],
  }),
  approve: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/:id/approve',
    summary: 'Approve (paraf) as the current reviewer',
    params: byId,
    headers: ifMatch,
    body: { 'application/json': approval },
    responses: { 200: letter('the letter') },
    errors: [400, 401, 403, 404, 409, 412, 422],
  }),
  return: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/:id/return',
    summary:
      'Return the draft to its drafter with a comment: as the current reviewer while it is in review, or as its signer once it is approved (kept as signerReturn)',
    params: byId,
    headers: ifMatch,
    body: { 'application/json': returning },
    responses: { 200: letter('the letter') },
    errors: [400, 401, 403, 404, 409, 412, 422],
  }),
  dispatch: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/:id/dispatch',
    summary: 'Record that a signed letter was sent out (a clerk; once)',
    params: byId,
    body: { 'application/json': dispatchBody },
    responses: { 200: letter('the letter') },
    errors: [400, 401, 403, 404, 409, 422],
  }),
  revise: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/:id/versions',
    summary: 'Revise a returned draft (the drafter): a new version goes round the same reviewers again',
    params: byId,
    headers: ifMatch,
    body: revisionBody,
    responses: { 201: letter('the letter') },
    errors: [400, 401, 403, 404, 409, 412, 413, 415, 422],
  }),
};
