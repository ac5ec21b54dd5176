import { type RequestHandler, Router } from 'express';
import multer from 'multer';
import type { AppDeps } from '../../app/deps.ts';
import { importCertificate } from '../../app/signing/import-certificate.ts';
import { issueCertificate } from '../../app/signing/issue-certificate.ts';
import { changeOwnPin, createOwnCertificate, requestCertificate } from '../../app/signing/own-certificate.ts';
import { createOfficeCa, getOfficeCa } from '../../app/signing/office-ca.ts';
import { certificateHistory, currentCertificate } from '../../app/signing/read-certificates.ts';
import { revokeCertificate } from '../../app/signing/revoke-certificate.ts';
import { signBatch } from '../../app/signing/sign-batch.ts';
import { signOutgoing } from '../../app/signing/sign-outgoing.ts';
import { signedDocumentId } from '../../app/signing/signed-letter.ts';
import { addTrustAnchors, listTrustAnchors, removeTrustAnchor } from '../../app/signing/trust-anchors.ts';
import { AppError } from '../../domain/errors.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { ownCertificateOps as own, ownBody, pinChangeBody } from '../schemas/own-certificate.schemas.ts';
import { anchorsBody, importFields, issueBody, letterId, revokeBody, sha256, signBatchBody, signBody, signingOps as ops } from '../schemas/signing.schemas.ts';
import { userId } from '../schemas/common.schemas.ts';
import { parse } from '../validate.ts';
import { sendDocumentContent } from '../send-content.ts';

/** A PKCS#12 from a provider is a few kilobytes; anything near this is not one. */
const P12_MAX_BYTES = 256 * 1024;

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

  r.post(routePath(ops.giveCertificate), p12Upload, async (req, res) => {
    const id = parse(userId, req.params.id);
    if (req.is('multipart/form-data')) {
      const file = req.file;
      if (!file)
        throw new AppError('bad_request', 'no p12 part', {
          errors: [{ field: 'p12', message: 'send the PKCS#12 file as the "p12" part', code: 'file_missing' }],
        });
      const { passphrase, ...fields } = parse(importFields, req.body ?? {});
      res
        .status(201)
        .json(reply(ops.giveCertificate, 201, await importCertificate(deps, req.actor!, id, { ...fields, passphrase, p12: new Uint8Array(file.buffer) })));
      return;
    }
    res.status(201).json(reply(ops.giveCertificate, 201, await issueCertificate(deps, req.actor!, id, parse(issueBody, req.body))));
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

  r.get(routePath(ops.certificate), async (req, res) => {
    res.json(reply(ops.certificate, 200, await currentCertificate(deps, req.actor!, parse(userId, req.params.id))));
  });

  r.get(routePath(ops.certificates), async (req, res) => {
    res.json(reply(ops.certificates, 200, await certificateHistory(deps, req.actor!, parse(userId, req.params.id))));
  });

  const revoke: RequestHandler = async (req, res) => {
    res.json(reply(ops.revoke, 200, await revokeCertificate(deps, req.actor!, parse(userId, req.params.id), parse(revokeBody, req.body ?? {}))));
  };
  r.delete(routePath(ops.revoke), revoke);
  r.post(routePath(ops.revokeByPost), revoke);

  r.post(routePath(ops.signBatch), async (req, res) => {
    const { letterIds, ...input } = parse(signBatchBody, req.body);
    res.json(reply(ops.signBatch, 200, await signBatch(deps, req.actor!, letterIds, input, { ip: req.ip })));
  });

  r.post(routePath(ops.sign), async (req, res) => {
    const id = parse(letterId, req.params.id);
    res.json(reply(ops.sign, 200, await signOutgoing(deps, req.actor!, id, parse(signBody, req.body), { ip: req.ip })));
  });

  r.get(routePath(ops.signed), async (req, res) => {
    const documentId = await signedDocumentId(deps, req.actor!, parse(letterId, req.params.id));
    await sendDocumentContent(deps, req.actor!, documentId, res);
  });

  r.get(routePath(ops.officeCa), async (_req, res) => {
    res.json(reply(ops.officeCa, 200, await getOfficeCa(deps)));
  });
  r.post(routePath(ops.makeOfficeCa), async (req, res) => {
    const { created, ca } = await createOfficeCa(deps, req.actor!);
    res.status(created ? 201 : 200).json(reply(ops.makeOfficeCa, created ? 201 : 200, ca));
  });

  r.get(routePath(ops.trustAnchors), async (req, res) => {
    res.json(reply(ops.trustAnchors, 200, await listTrustAnchors(deps, req.actor!)));
  });
  r.post(routePath(ops.trust), async (req, res) => {
    res.status(201).json(reply(ops.trust, 201, await addTrustAnchors(deps, req.actor!, parse(anchorsBody, req.body).pem)));
  });
  r.delete(routePath(ops.distrust), async (req, res) => {
    await removeTrustAnchor(deps, req.actor!, parse(sha256, req.params.sha256));
    res.status(204).end();
  });

  return r;
};
