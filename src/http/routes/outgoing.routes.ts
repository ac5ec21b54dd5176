import { dispatchOutgoing } from '../../app/outgoing/dispatch-outgoing.ts';
import { type Request, type RequestHandler, Router } from 'express';
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
import type { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { acceptUpload, withUploads } from '../middleware/upload.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { formDraft, formRevision, jsonDraft, jsonRevision, typedDraft } from '../schemas/outgoing-drafts.schemas.ts';
import { approval, dispatchBody, id, listQuery, outgoingOps as ops, returning, versionQuery } from '../schemas/outgoing.schemas.ts';
import { parse } from '../validate.ts';
import { ifMatchVersion, setEtag } from '../etag.ts';
import { sendDocumentContent } from '../send-content.ts';

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
    routePath(ops.draft),
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
        res
          .status(201)
          .location(`/api/v1/letters/outgoing/${letter.id}`)
          .json(reply(ops.draft, 201, letter));
        return;
      }
      const { template: t, ...fields } = req.uploads ? { ...parse(formDraft, req.body ?? {}), template: undefined } : parse(jsonDraft, req.body);
      const letter = await createOutgoing(deps, req.actor!, fields, sourceOf(req, t && addressedTo(t, fields.recipient)));
      res
        .status(201)
        .location(`/api/v1/letters/outgoing/${letter.id}`)
        .json(reply(ops.draft, 201, letter));
    }),
  );

  // The letter as it would print, nothing stored: the same body as a template draft (typed or not).
  r.post(routePath(ops.preview), async (req, res) => {
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

  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, status, waitingFor, drafter, dispatched } = parse(listQuery, req.query);
    const q = { status, waitingForMe: waitingFor === 'me', mine: drafter === 'me', dispatched: dispatched === undefined ? undefined : dispatched === 'true' };
    res.json(reply(ops.list, 200, await listOutgoing(deps, req.actor!, q, page, limit)));
  });

  // The ETag is the current draft version: If-Match on approve, return and a new version names the one read.
  r.get(routePath(ops.get), async (req, res) => {
    const letter = await getOutgoing(deps, req.actor!, parse(id, req.params.id));
    setEtag(res, letter.version);
    res.json(reply(ops.get, 200, letter));
  });

  r.get(routePath(ops.document), async (req, res) => {
    const { version } = parse(versionQuery, req.query);
    const documentId = await outgoingDocumentId(deps, req.actor!, parse(id, req.params.id), version);
    await sendDocumentContent(deps, req.actor!, documentId, res);
  });

  r.post(routePath(ops.approve), async (req, res) => {
    const { comment } = parse(approval, req.body ?? {});
    const letter = await approveOutgoing(deps, req.actor!, parse(id, req.params.id), comment ?? null, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(reply(ops.approve, 200, letter));
  });

  r.post(routePath(ops.return), async (req, res) => {
    const { comment } = parse(returning, req.body ?? {});
    const letter = await returnOutgoing(deps, req.actor!, parse(id, req.params.id), comment, ifMatchVersion(req));
    setEtag(res, letter.version);
    res.json(reply(ops.return, 200, letter));
  });

  r.post(routePath(ops.dispatch), async (req, res) => {
    const { via, note } = parse(dispatchBody, req.body ?? {});
    res.json(reply(ops.dispatch, 200, await dispatchOutgoing(deps, req.actor!, parse(id, req.params.id), { via, note: note || null })));
  });

  r.post(
    routePath(ops.revise),
    upload,
    withUploads(deps.staging, async (req, res) => {
      const letterId = parse(id, req.params.id);
      const { template: t, note } = req.uploads ? { ...parse(formRevision, req.body ?? {}), template: undefined } : parse(jsonRevision, req.body);
      const letter = await reviseOutgoing(deps, req.actor!, letterId, sourceOf(req, t), note ?? null, ifMatchVersion(req));
      setEtag(res, letter.version);
      res
        .status(201)
        .location(`/api/v1/letters/outgoing/${letter.id}`)
        .json(reply(ops.revise, 201, letter));
    }),
  );

  return r;
};
