import { type RequestHandler, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { importCertificate } from '../../app/signing/import-certificate.ts';
import { issueCertificate } from '../../app/signing/issue-certificate.ts';
import { changeOwnPin, createOwnCertificate, requestCertificate } from '../../app/signing/own-certificate.ts';
import { createOfficeCa, getOfficeCa } from '../../app/signing/office-ca.ts';
import { certificateHistory, currentCertificate } from '../../app/signing/read-certificates.ts';
import { revokeCertificate } from '../../app/signing/revoke-certificate.ts';
import { MAX_BATCH, signBatch } from '../../app/signing/sign-batch.ts';
import { signOutgoing } from '../../app/signing/sign-outgoing.ts';
import { signedDocumentId } from '../../app/signing/signed-letter.ts';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor } from '../../app/signing/trust-anchors.ts';
import { AppError } from '../../domain/errors.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { userId } from '../schemas/accounts.schemas.ts';
import { ownCertificateOps as own, ownBody, pin, pinChangeBody } from '../schemas/own-certificate.schemas.ts';
import { parse } from '../validate.ts';
import { sendDocumentContent } from '../send-content.ts';

/** A PKCS#12 from a provider is a few kilobytes; anything near this is not one. */
const P12_MAX_BYTES = 256 * 1024;

const letterId = z.string().uuid('not a letter id');
const text = (max: number) => z.string().trim().min(1).max(max);
const holderFields = { pin, title: text(200).optional(), nip: z.string().max(40).optional() };
const issueBody = z.object(holderFields).strict();
const importFields = z.object({ ...holderFields, passphrase: z.string().max(1024) }).strict();
const revokeBody = z.object({ reason: text(500).optional(), certificateId: z.string().uuid('not a certificate id').optional() }).strict();
const signBody = z.object({ pin: z.string().min(1, 'the PIN is required').max(1024), totp: z.string().max(64).optional() }).strict();
const signBatchBody = z
  .object({
    letterIds: z.array(letterId).min(1, 'choose at least one letter').max(MAX_BATCH, `at most ${MAX_BATCH} letters at once`),
    pin: signBody.shape.pin,
    totp: signBody.shape.totp,
  })
  .strict();
const anchorsBody = z.object({ pem: z.string().min(1).max(200_000) }).strict();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** Multipart `p12` (one file, in memory) + text fields; JSON bodies pass through to the JSON parser's result. */
const p12Upload: RequestHandler = (() => {
  const m = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: P12_MAX_BYTES, files: 1, fields: 10, parts: 11, fieldNameSize: 100, fieldSize: 8 * 1024, headerPairs: 100 },
  }).single('p12');
  return (req, res, next) => {
    if (req.is('multipart/form-data')) return m(req, res, next);
    if (!req.is('application/json'))
      return next(new AppError('unsupported_type', 'send JSON { pin, title?, nip? } to issue, or multipart p12 + passphrase + pin to import'));
    next();
  };
})();

/**
 * Signing: the office CA and trusted roots (admin), officials' certificates (admin issues,
 * imports, revokes), signing an approved outgoing letter (its signer) and its signed PDF.
 */
export const signingRoutes = (deps: AppDeps): Router => {
  const r = Router();

  r.post('/users/:id/certificate', p12Upload, async (req, res) => {
    const id = parse(userId, req.params.id);
    if (req.is('multipart/form-data')) {
      const file = req.file;
      if (!file)
        throw new AppError('bad_request', 'no p12 part', {
          errors: [{ field: 'p12', message: 'send the PKCS#12 file as the "p12" part', code: 'file_missing' }],
        });
      const { passphrase, ...fields } = parse(importFields, req.body ?? {});
      res.status(201).json(await importCertificate(deps, req.actor!, id, { ...fields, passphrase, p12: new Uint8Array(file.buffer) }));
      return;
    }
    res.status(201).json(await issueCertificate(deps, req.actor!, id, parse(issueBody, req.body)));
  });

  // The flow the web UI uses (issue 18): the admin asks, the official chooses the PIN.
  r.post(routePath(own.request), async (req, res) => {
    res.status(201).json(reply(own.request, 201, await requestCertificate(deps, req.actor!, parse(userId, req.params.id))));
  });
  r.post(routePath(own.create), async (req, res) => {
    res.status(201).json(reply(own.create, 201, await createOwnCertificate(deps, req.actor!, parse(ownBody, req.body).pin)));
  });
  r.post(routePath(own.changePin), async (req, res) => {
    await changeOwnPin(deps, req.actor!, parse(pinChangeBody, req.body), req.ip);
    res.status(204).end();
  });

  r.get('/users/:id/certificate', async (req, res) => {
    res.json(await currentCertificate(deps, req.actor!, parse(userId, req.params.id)));
  });

  r.get('/users/:id/certificates', async (req, res) => {
    res.json(await certificateHistory(deps, req.actor!, parse(userId, req.params.id)));
  });

  const revoke: RequestHandler = async (req, res) => {
    res.json(await revokeCertificate(deps, req.actor!, parse(userId, req.params.id), parse(revokeBody, req.body ?? {})));
  };
  r.delete('/users/:id/certificate', revoke);
  r.post('/users/:id/certificate/revoke', revoke);

  r.post('/letters/outgoing/sign-batch', async (req, res) => {
    const { letterIds, ...input } = parse(signBatchBody, req.body);
    res.json(await signBatch(deps, req.actor!, letterIds, input, { ip: req.ip }));
  });

  r.post('/letters/outgoing/:id/sign', async (req, res) => {
    const id = parse(letterId, req.params.id);
    res.json(await signOutgoing(deps, req.actor!, id, parse(signBody, req.body), { ip: req.ip }));
  });

  r.get('/letters/outgoing/:id/signed', async (req, res) => {
    const documentId = await signedDocumentId(deps, req.actor!, parse(letterId, req.params.id));
    await sendDocumentContent(deps, req.actor!, documentId, res);
  });

  r.get('/signing/ca', async (_req, res) => {
    res.json(await getOfficeCa(deps));
  });
  r.post('/signing/ca', async (req, res) => {
    const { created, ca } = await createOfficeCa(deps, req.actor!);
    res.status(created ? 201 : 200).json(ca);
  });

  r.get('/signing/trust-anchors', async (req, res) => {
    res.json(await listTrustAnchors(deps, req.actor!));
  });
  r.post('/signing/trust-anchors', async (req, res) => {
    res.status(201).json(await addTrustAnchors(deps, req.actor!, parse(anchorsBody, req.body).pem));
  });
  r.delete('/signing/trust-anchors/:sha256', async (req, res) => {
    await removeTrustAnchor(deps, req.actor!, parse(sha256, req.params.sha256));
    res.status(204).end();
  });

  return r;
};
