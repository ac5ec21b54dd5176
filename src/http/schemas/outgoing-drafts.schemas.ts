/**
 * What a drafter sends for an outgoing letter (surat keluar): a draft uploaded as a PDF (the form's
 * fields), or a template the system renders, plain or typed with parties (issue 13), and a
 * revision. The request half of outgoing.schemas.ts, declared once (see documents.schemas.ts).
 */
import { z } from 'zod';
import type { OutgoingTemplate } from '../../domain/correspondence.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { code, officeDate, plain } from '../validate.ts';
import { binary, userId } from './common.schemas.ts';

/** Reviewers in order: a JSON array, or a form's comma-separated and/or repeated field. */
const reviewerIds = z
  .preprocess((v) => {
    if (v === undefined) return [];
    const parts = Array.isArray(v) ? v : [v];
    return parts.flatMap((p) =>
      typeof p === 'string'
        ? p
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [p],
    );
  }, z.array(userId).max(50))
  .meta({ description: 'reviewers, in review order' });
/** One line of text, without control or bidi-override characters (it is printed on the letter). */
export const text = (max: number) => plain(z.string().trim().min(1).max(max));
/** Text that may run over several lines (a body, an addressee block, a note): newlines are allowed. */
export const lines = (max: number) => plain(z.string().trim().min(1).max(max), { lines: true });

const typeCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a letter type code (GET /api/v1/letter-types)')
  .max(40);
const letterFields = {
  subject: text(500),
  recipient: text(300),
  classificationCode: code,
  signerId: userId,
  reviewerIds,
  securityLevel: z.enum(SECURITY_LEVELS).optional(),
  note: lines(2000).optional(),
  type: typeCode.optional(),
  inReplyTo: z.string().uuid('not a letter id').optional().meta({ description: 'the incoming letter this one answers' }),
};

/** An addressee or copy: a unit of this office, a person, a contact, or a body typed in. */
const party = z.union([
  z.object({ unitCode: code }).strict(),
  z.object({ userId }).strict(),
  z.object({ contactId: z.string().uuid('not a contact id') }).strict(),
  z.object({ name: text(300), address: lines(1000).optional(), email: z.string().trim().email('an e-mail address').max(320).optional() }).strict(),
]);
/** A person assigned on a surat tugas: an account, a name with NIP and position, or just a name. */
const assignee = z.union([
  z.object({ userId }).strict(),
  z.object({ name: text(200), nip: text(30).optional(), position: text(200).optional() }).strict(),
  text(200).transform((name) => ({ name })),
]);
const typedTemplate = z
  .object({
    body: lines(50_000),
    addressee: lines(2000).optional().meta({ description: 'overrides the Yth. block made from the addressees' }),
    place: text(100).optional(),
    date: officeDate.optional(),
    attachments: text(200).optional(),
    signerTitle: text(200).optional(),
    fields: z.record(z.string().max(40), text(1000)).optional().meta({ description: "the type's fields by name" }),
    assignees: z.array(assignee).max(200).optional(),
  })
  .strict();
/** Template mode with a naskah type and parties (issue 13). */
export const typedDraft = z
  .object({
    ...letterFields,
    recipient: text(300).optional(),
    type: typeCode.default('surat-dinas').meta({ description: 'a code from GET /api/v1/letter-types' }),
    addressees: z.array(party).min(1).max(50),
    copies: z.array(party).max(50).default([]),
    template: typedTemplate,
  })
  .strict();

// The addressee block is written over lines ("Yth. Kepala Dinas\ndi\nTempat"), as the renderer prints it.
const template = z
  .object({
    addressee: lines(2000).optional(),
    body: lines(50_000),
    place: text(100).optional(),
    date: officeDate.optional(),
    attachments: text(200).optional(),
    signerTitle: text(200).optional(),
  })
  .strict()
  // No addressee block: a draft prints its recipient (addressedTo), a revision keeps its version's (reviseOutgoing).
  .transform(
    (t): OutgoingTemplate => ({
      addressee: t.addressee ?? '',
      body: t.body,
      place: t.place ?? null,
      date: t.date ?? null,
      attachments: t.attachments ?? null,
      signerTitle: t.signerTitle ?? null,
    }),
  );

export const jsonDraft = z.object({ ...letterFields, template }).strict();
export const formDraft = z.object(letterFields).strict();
export const jsonRevision = z.object({ template, note: lines(2000).optional() }).strict();
export const formRevision = z.object({ note: lines(2000).optional() }).strict();

/** A draft: JSON with a template (typed with parties when it names addressees), or a PDF with the form's fields. */
export const draftBody = {
  'application/json': z.union([jsonDraft, typedDraft]),
  'multipart/form-data': formDraft.extend({
    file: binary,
    reviewerIds: z.string().optional().meta({ description: 'user ids in review order: comma separated and/or the field repeated' }),
  }),
};
export const revisionBody = { 'multipart/form-data': formRevision.extend({ file: binary }), 'application/json': jsonRevision };
