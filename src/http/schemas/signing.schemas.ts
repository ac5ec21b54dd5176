/**
 * Signing (issue 5): the office CA, trusted roots, officials' certificates, signing an approved
 * outgoing letter and its signed PDF. Requests and responses, declared once (see
 * documents.schemas.ts); the public verification is in verify.schemas.ts.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../../app/signing/sign-batch.ts';
import { operation } from '../openapi/operation.ts';
import { binary, timestamp, userId } from './common.schemas.ts';

export const letterId = z.string().uuid('not a letter id');
const text = (max: number) => z.string().trim().min(1).max(max);
// The PIN policy (length, weak PINs) is the use case's; here only a sane size.
export const pin = z.string().max(1024).meta({ description: 'the PIN the key is locked under: 6–64 characters, not a weak one' });
const holderFields = { pin, title: text(200).optional(), nip: z.string().max(40).optional().meta({ description: '18 digits' }) };
export const issueBody = z.object(holderFields).strict();
export const importFields = z.object({ ...holderFields, passphrase: z.string().max(1024) }).strict();
export const revokeBody = z.object({ reason: text(500).optional(), certificateId: z.string().uuid('not a certificate id').optional() }).strict();
export const signBody = z
  .object({
    pin: z.string().min(1, 'the PIN is required').max(1024),
    totp: z.string().max(64).optional().meta({ description: 'a TOTP code not used before, or a recovery code (required)' }),
  })
  .strict();
export const signBatchBody = z
  .object({
    letterIds: z.array(letterId).min(1, 'choose at least one letter').max(MAX_BATCH, `at most ${MAX_BATCH} letters at once`),
    pin: signBody.shape.pin,
    totp: signBody.shape.totp,
  })
  .strict();
export const anchorsBody = z.object({ pem: z.string().min(1).max(200_000).meta({ description: 'PEM text, one certificate or a bundle' }) }).strict();
export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const certificateSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    status: z.enum(['active', 'expired', 'not_yet_valid', 'revoked', 'replaced']),
    source: z.enum(['office', 'imported', 'remote']),
    serial: z.string(),
    commonName: z.string(),
    title: z.string().nullable(),
    nip: z.string().nullable(),
    issuer: z.string(),
    sha256: z.string(),
    notBefore: timestamp,
    notAfter: timestamp,
    createdAt: timestamp,
    revokedAt: timestamp.nullable(),
    revocationReason: z.string().nullable(),
    pem: z.string(),
    chainPem: z.array(z.string()),
  })
  .meta({ id: 'SigningCertificate' });
const officeCaSchema = z
  .object({
    subject: z.string(),
    commonName: z.string(),
    serial: z.string(),
    sha256: z.string(),
    notBefore: timestamp,
    notAfter: timestamp,
    createdAt: timestamp,
    pem: z.string(),
  })
  .meta({ id: 'OfficeCa' });
const anchor = { sha256: z.string(), subject: z.string(), notAfter: timestamp };
const added = { addedBy: z.string(), addedAt: timestamp };

const byUser = z.object({ id: userId });
const byLetter = z.object({ id: letterId });
const revoke = {
  params: byUser,
  body: { 'application/json': revokeBody },
  responses: { 200: { description: 'the revoked certificate', schema: certificateSchema } },
  errors: [401, 403, 404, 409, 422],
} as const;

export const signingOps = {
  giveCertificate: operation({
    method: 'post',
    path: '/api/v1/users/:id/certificate',
    summary:
      'Give an official a signing certificate (admin): JSON { pin, title?, nip? } has the office CA issue one (two years; the office root is made on first need); multipart p12 + passphrase + pin imports one from a licensed provider (PSrE such as BSrE), whose root must be trusted first. The key is kept only locked under the PIN (6–64 characters); the certificate becomes the current one, replacing (not revoking) any before. Audited as admin.certificate_issue / admin.certificate_import.',
    params: byUser,
    body: { 'application/json': issueBody, 'multipart/form-data': importFields.extend({ p12: binary }) },
    responses: { 201: { description: 'the certificate (never its key)', schema: certificateSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 503],
  }),
  certificate: operation({
    method: 'get',
    path: '/api/v1/users/:id/certificate',
    summary: "The user's current signing certificate (admin, or the official themself)",
    params: byUser,
    responses: { 200: { description: 'the certificate', schema: certificateSchema } },
    errors: [401, 403, 404],
  }),
  revoke: operation({
    method: 'delete',
    path: '/api/v1/users/:id/certificate',
    summary: "Revoke the user's current certificate (admin), or { certificateId } of theirs; it never signs again, letters signed before stay valid",
    ...revoke,
  }),
  revokeByPost: operation({
    method: 'post',
    path: '/api/v1/users/:id/certificate/revoke',
    summary: 'The same as DELETE /api/v1/users/{id}/certificate',
    ...revoke,
  }),
  certificates: operation({
    method: 'get',
    path: '/api/v1/users/:id/certificates',
    summary: 'Every certificate the user has had, newest first (admin, or the official themself)',
    params: byUser,
    responses: { 200: { description: 'certificates', schema: z.object({ items: z.array(certificateSchema) }) } },
    errors: [401, 403],
  }),
  sign: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/:id/sign',
    summary:
      "Sign an approved letter as its named signer, with the certificate's PIN and a fresh second-factor code (both required). Takes the unit's next letter number (gap-free: only a signing that commits uses one), makes the final PDF (a template letter rendered again, an uploaded draft rewritten clean), stamps the visible block with a QR code to /verify/<code>, signs it once (PAdES, ETSI.CAdES.detached; timestamped when TSA_URL is set), archives it as an outgoing document and registers its SHA-256. Wrong PIN or code: 403 (problem types wrong-pin, totp-invalid), repeated: 429. Signed already or being signed: 409. Audited as letter.outgoing_sign.",
    params: byLetter,
    body: { 'application/json': signBody },
    responses: {
      200: {
        description: 'signed',
        schema: z
          .object({
            letterNumber: z.string(),
            verificationCode: z.string(),
            verifyUrl: z.string(),
            signedDocumentId: z.string(),
            sha256: z.string(),
            signedAt: timestamp,
            timestamped: z.boolean(),
            ltv: z.boolean().meta({ description: 'long-term validation data (PAdES B-LT) is inside the signature' }),
          })
          .meta({ id: 'SignResult' }),
      },
    },
    errors: [400, 401, 403, 404, 409, 422, 429, 503],
  }),
  signBatch: operation({
    method: 'post',
    path: '/api/v1/letters/outgoing/sign-batch',
    summary:
      'Sign several approved letters as their named signer with one PIN and one second-factor code (spent once; a wrong PIN or code refuses the whole batch with 403, 429 when repeated). Each letter is then signed as by /{id}/sign, in the order given: its own number, PAdES signature and audit entry, all or nothing per letter. A letter that cannot be signed (not approved, another signer, being signed) is reported as failed with the reason; the others are signed regardless.',
    body: { 'application/json': signBatchBody },
    responses: {
      200: {
        description: 'a result per letter',
        schema: z.object({
          results: z.array(
            z.object({
              id: z.string(),
              status: z.enum(['signed', 'failed']),
              letterNumber: z.string().optional(),
              error: z.string().optional().meta({ description: 'why it was not signed (English, for operators)' }),
              kind: z.string().optional().meta({ description: "the problem's kind, as a problem document's type ends (for the UI)" }),
            }),
          ),
        }),
      },
    },
    errors: [400, 401, 403, 422, 429, 503],
  }),
  signed: operation({
    method: 'get',
    path: '/api/v1/letters/outgoing/:id/signed',
    summary: 'The signed PDF, as an attachment (whoever may see the letter)',
    params: byLetter,
    responses: { 200: { description: 'the signed PDF', type: 'application/pdf' } },
    errors: [401, 404, 503],
  }),
  officeCa: operation({
    method: 'get',
    path: '/api/v1/signing/ca',
    summary: "The office root certificate (PEM): what a reader's PDF software must trust to call the office's signatures trusted",
    responses: { 200: { description: 'the root (never its key)', schema: officeCaSchema } },
    errors: [401, 404],
  }),
  makeOfficeCa: operation({
    method: 'post',
    path: '/api/v1/signing/ca',
    summary: 'Make the office root now (admin); otherwise it is made when the first certificate is issued. 200 when it exists already',
    responses: { 201: { description: 'made', schema: officeCaSchema }, 200: { description: 'it existed', schema: officeCaSchema } },
    errors: [401, 403, 503],
  }),
  trustAnchors: operation({
    method: 'get',
    path: '/api/v1/signing/trust-anchors',
    summary: 'Roots signatures must chain to: the office root and those an admin added (admin)',
    responses: {
      200: {
        description: 'roots',
        schema: z.object({
          items: z.array(
            z
              .object({
                ...anchor,
                office: z.boolean(),
                addedBy: added.addedBy.optional().meta({ description: 'a root an admin added: who' }),
                addedAt: added.addedAt.optional(),
              })
              .meta({ id: 'TrustAnchor' }),
          ),
        }),
      },
    },
    errors: [401, 403],
  }),
  trust: operation({
    method: 'post',
    path: '/api/v1/signing/trust-anchors',
    summary:
      "Trust one or more CA certificates (admin): a provider's root (BSrE) for imported certificates, the timestamp authority's root when TSA_URL is set",
    body: { 'application/json': anchorsBody },
    responses: {
      201: {
        description: 'added',
        schema: z.object({ added: z.array(z.object({ ...anchor, ...added })), alreadyTrusted: z.number().int() }).meta({ id: 'TrustAnchorsAdded' }),
      },
    },
    errors: [400, 401, 403, 422],
  }),
  distrust: operation({
    method: 'delete',
    path: '/api/v1/signing/trust-anchors/:sha256',
    summary: 'Stop trusting a root an admin added (admin)',
    params: z.object({ sha256 }),
    responses: { 204: { description: 'removed' } },
    errors: [401, 403, 404, 422],
  }),
};
