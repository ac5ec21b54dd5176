import { dispatchOutgoing } from '../../app/outgoing/dispatch-outgoing.ts';
import { DISPATCH_VIA } from '../../domain/correspondence.ts';
import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { approveOutgoing } from '../../app/outgoing/approve-outgoing.ts';
import { createOutgoing } from '../../app/outgoing/create-outgoing.ts';
import type { DraftSource } from '../../app/outgoing/outgoing-draft.ts';
import { requireDrafter } from '../../app/outgoing/outgoing-participants.ts';
import { getOutgoing, listOutgoing, outgoingDocumentId } from '../../app/outgoing/read-outgoing.ts';
import { addresseeBlock } from '../../domain/parties.ts';
import { prepareTypedDraft } from '../../app/outgoing/typed-draft.ts';
import { previewOutgoing } from '../../app/outgoing/preview-outgoing.ts';
import { returnOutgoing } from '../../app/outgoing/return-outgoing.ts';
import { reviseOutgoing } from '../../app/outgoing/revise-outgoing.ts';
import type { OutgoingTemplate } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { code, officeDate, one, paging, parse, plain } from '../validate.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';
import { sendDocumentContent } from '../send-content.ts';

const userId = z.string().uuid('not a user id');
/** Reviewers in order: a JSON array, or a form's comma-separated and/or repeated field. */
const reviewerIds = z.preprocess((v) => {
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
}, z.array(userId).max(50));
/** One line of text, without control or bidi-override characters (it is printed on the letter). */
const text = (max: number) => plain(z.string().trim().min(1).max(max));
/** Text that may run over several lines (a body, an addressee block, a note): newlines are allowed. */
const lines = (max: number) => plain(z.string().trim().min(1).max(max), { lines: true });

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
  inReplyTo: z.string().uuid('not a letter id').optional(),
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
    addressee: lines(2000).optional(),
    place: text(100).optional(),
    date: officeDate.optional(),
    attachments: text(200).optional(),
    signerTitle: text(200).optional(),
    fields: z.record(z.string().max(40), text(1000)).optional(),
    assignees: z.array(assignee).max(200).optional(),
  })
  .strict();
/** Template mode with a naskah type and parties (issue 13). */
const typedDraft = z
  .object({
    ...letterFields,
    recipient: text(300).optional(),
    type: typeCode.default('surat-dinas'),
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

const jsonDraft = z.object({ ...letterFields, template }).strict();
const formDraft = z.object(letterFields).strict();
const jsonRevision = z.object({ template, note: lines(2000).optional() }).strict();
const formRevision = z.object({ note: lines(2000).optional() }).strict();
const approval = z.object({ comment: lines(2000).optional() }).strict();
const returning = z.object({ comment: lines(2000) }).strict();
const listQuery = z.object({
  ...paging,
  status: one(z.enum(['in_review', 'returned', 'approved', 'signed'])).optional(),
  waitingFor: one(z.literal('me')).optional(),
  drafter: one(z.literal('me')).optional(),
  dispatched: one(z.enum(['true', 'false'])).optional(),
});
const dispatchBody = z.object({ via: z.enum(DISPATCH_VIA), note: plain(z.string().trim().max(500)).optional() }).strict();
const versionQuery = z.object({ version: one(z.coerce.number().int().min(1).max(10_000)).optional() });
const id = z.string().uuid('not a letter id');

/** A template without its own Yth. block is addressed to the letter's one recipient. */
const addressedTo = (t: OutgoingTemplate, recipient: string): OutgoingTemplate =>
  t.addressee ? t : { ...t, addressee: addresseeBlock([{ kind: 'external', name: recipient, address: null, email: null }]) };

/** The draft's text from the request: the multipart `file`, else the JSON `template`. */
const sourceOf = (req: Request, template?: OutgoingTemplate): DraftSource => {
  if (!req.uploads) return { template: template! };
  const file = req.uploads[0];
  if (!file)
    throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send the draft PDF as the "file" part', code: 'file_missing' }] });
  return { file: file.staged, filename: file.filename };
};

/** A multipart body is a file upload; anything else must be JSON (with a template). */
const fileOrJson =
  (single: RequestHandler): RequestHandler =>
  (req, res, next) => {
    if (req.is('multipart/form-data')) return single(req, res, next);
    if (!req.is('application/json')) return next(new AppError('unsupported_type', 'send the draft PDF as multipart/form-data, or JSON with a template'));
    next();
  };

/** Outgoing letters (surat keluar) up to approval: drafts, review (paraf), return and revision. */
export const outgoingRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const upload = fileOrJson(acceptUpload(deps.staging, { maxBytes: deps.limits.uploadMaxBytes, maxFiles: 1, gate: requireDrafter }));
  // Downloads go through the archive's own route: one access check, audit, header set and stream.

  r.post(
    '/letters/outgoing',
    upload,
    withUploads(deps.staging, async (req, res) => {
      requireDrafter(req.actor!);
      if (!req.uploads && req.body && typeof req.body === 'object' && 'addressees' in req.body) {
        const { template: t, addressees, copies, recipient, ...fields } = parse(typedDraft, req.body);
        const typed = await prepareTypedDraft(deps, { type: fields.type, addressees, copies, recipient, template: t });
        const letter = await createOutgoing(
          deps,
          req.actor!,
          { ...fields, recipient: typed.recipient, addressees: typed.addressees, copies: typed.copies },
          { template: typed.template },
        );
        res.status(201).location(`/api/v1/letters/outgoing/${letter.id}`).json(letter);
        return;
      }
      const { template: t, ...fields } = req.uploads ? { ...parse(formDraft, req.body ?? {}), template: undefined } : parse(jsonDraft, req.body);
      const letter = await createOutgoing(deps, req.actor!, fields, sourceOf(req, t && addressedTo(t, fields.recipient)));
      res.status(201).location(`/api/v1/letters/outgoing/${letter.id}`).json(letter);
    }),
  );

  // The letter as it would print, nothing stored: the same body as a template draft (typed or not).
  r.post('/letters/outgoing/preview', async (req, res) => {
    requireDrafter(req.actor!);
    if (!req.is('application/json')) throw new AppError('unsupported_type', 'send the draft as JSON with a template');
    const typedMode = req.body && typeof req.body === 'object' && 'addressees' in req.body;
    let letter: { subject: string; classificationCode: string; signerId: string; securityLevel?: (typeof SECURITY_LEVELS)[number] | undefined };
    let tpl: OutgoingTemplate;
    if (typedMode) {
      const { template: t, addressees, copies, recipient, ...fields } = parse(typedDraft, req.body);
      tpl = (await prepareTypedDraft(deps, { type: fields.type, addressees, copies, recipient, template: t })).template;
      letter = fields;
    } else {
      const { template: t, ...fields } = parse(jsonDraft, req.body);
      tpl = addressedTo(t, fields.recipient);
      letter = fields;
    }
    const pdf = await previewOutgoing(deps, req.actor!, letter, tpl);
    res.status(200).type('application/pdf').setHeader('content-disposition', 'inline; filename="pratinjau-surat.pdf"');
    res.setHeader('x-content-type-options', 'nosniff');
    res.send(Buffer.from(pdf));
  });

  r.get('/letters/outgoing', async (req, res) => {
    const { page, limit, status, waitingFor, drafter, dispatched } = parse(listQuery, req.query);
    res.json(
      await listOutgoing(
        deps,
        req.actor!,
        { status, waitingForMe: waitingFor === 'me', mine: drafter === 'me', dispatched: dispatched === undefined ? undefined : dispatched === 'true' },
        page,
        limit,
      ),
    );
  });

  // The ETag is the current draft version: If-Match on approve, return and a new version names the one read.
  r.get('/letters/outgoing/:id', async (req, res) => {
    const letter = await getOutgoing(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, letter.version);
    res.json(letter);
  });

  r.get('/letters/outgoing/:id/document', async (req, res) => {
    const { version } = parse(versionQuery, req.query);
    const documentId = await outgoingDocumentId(deps, req.actor!, parse(id, req.params.id), version);
    await sendDocumentContent(deps, req.actor!, documentId, res);
  });

  r.post('/letters/outgoing/:id/approve', async (req, res) => {
    const { comment } = parse(approval, req.body ?? {});
    const letter = await approveOutgoing(deps, req.actor!, parse(id, req.params.id), comment ?? null, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(letter);
  });

  r.post('/letters/outgoing/:id/return', async (req, res) => {
    const { comment } = parse(returning, req.body ?? {});
    const letter = await returnOutgoing(deps, req.actor!, parse(id, req.params.id), comment, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(letter);
  });

  r.post('/letters/outgoing/:id/dispatch', async (req, res) => {
    const { via, note } = parse(dispatchBody, req.body ?? {});
    res.json(await dispatchOutgoing(deps, req.actor!, parse(id, req.params.id), { via, note: note || null }));
  });

  r.post(
    '/letters/outgoing/:id/versions',
    upload,
    withUploads(deps.staging, async (req, res) => {
      const letterId = parse(id, req.params.id);
      const { template: t, note } = req.uploads ? { ...parse(formRevision, req.body ?? {}), template: undefined } : parse(jsonRevision, req.body);
      const letter = await reviseOutgoing(deps, req.actor!, letterId, sourceOf(req, t), note ?? null, ifMatchVersion(req));
      setEtag(res, letter.version);
      res.status(201).location(`/api/v1/letters/outgoing/${letter.id}`).json(letter);
    }),
  );

  return r;
};
