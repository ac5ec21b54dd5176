/**
 * Public verification (issue 5), no login, each address on a request budget: the page a letter's
 * QR code opens and the check of a PDF. Requests and responses, declared once (see
 * documents.schemas.ts). `GET /verify/:code` is outside /api/v1: its router, mounted at the root,
 * registers the whole path.
 */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { one } from '../validate.ts';
import { binary, timestamp } from './common.schemas.ts';

/** `?cosignatures=k`: the verifier requires the letter's log checkpoint to carry k cosignatures of the office's witnesses. */
export const logQuery = z.object({ cosignatures: one(z.coerce.number().int().min(0).max(64)).optional() });

/** Present when the verifier required cosignatures: how many, and why the letter is pending when no head it is in has them yet. */
const required = { cosignaturesRequired: z.number().int().optional(), detail: z.string().optional() };
/** Where a signed PDF stands in the public log (app/public-log/letter-in-log.ts); the proof first, as a union takes the first shape that fits. */
const letterInLog = z
  .union([
    z.object({
      recorded: z.literal(true),
      index: z.number().int(),
      size: z.number().int(),
      leafHash: z.string(),
      inclusionProof: z.array(z.string()),
      checkpoint: z.string(),
      verified: z.boolean(),
      cosignedBy: z.array(z.string()),
      ...required,
    }),
    z.object({ recorded: z.literal(true), index: z.number().int(), pending: z.literal(true), ...required }),
    z.object({ recorded: z.literal(false), pending: z.boolean() }),
  ])
  .meta({
    id: 'LetterInLog',
    description:
      "its place in the public log: its inclusion proof checked against the latest checkpoint (verified), or pending while its checkpoint follows; with ?cosignatures=k, against the newest checkpoint k of the office's witnesses cosigned (cosignaturesRequired; pending with a detail while none holds the letter)",
  });
const signer = z.object({ name: z.string(), title: z.string() });

const verificationSchema = z
  .object({
    valid: z.boolean(),
    modifiedAfterSigning: z.boolean(),
    signatures: z.array(
      z.object({
        signer: z.object({ name: z.string(), serial: z.string(), issuer: z.string() }).nullable(),
        signedAt: timestamp.nullable(),
        intact: z.boolean(),
        coversWholeDocument: z.boolean(),
        trusted: z.boolean(),
        timestamped: z.boolean(),
        ltv: z.boolean().meta({ description: 'long-term validation data (PAdES B-LT) inside the signature' }),
        validationData: z.object({ certificates: z.number().int(), crls: z.number().int(), ocsps: z.number().int() }).nullable(),
        revocationFromRecords: z.boolean().meta({ description: "the office's own revocation records stood in for revocation data the file lacks" }),
        problems: z.array(z.string()),
      }),
    ),
    knownLetter: z
      .object({ letterNumber: z.string(), subject: z.string().nullable(), signer, signedAt: timestamp })
      .optional()
      .meta({ description: 'the exact bytes of a letter the office issued' }),
    log: letterInLog.optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Verification' });

export const verifyOps = {
  byCode: operation({
    method: 'get',
    path: '/verify/:code',
    summary:
      "Public, no login: the page a letter's QR code opens (HTML, Indonesian and English), or with Accept: application/json the facts. Valid while the letter stands signed and the signer's certificate was not revoked at signing. The subject of a rahasia or sangat_rahasia letter is withheld. Rate-limited per address.",
    public: true,
    params: z.object({ code: z.string().meta({ description: 'the verification code printed under the QR code' }) }),
    query: logQuery,
    responses: {
      200: {
        description: 'a letter the office signed',
        type: 'text/html',
        schema: z.object({
          valid: z.boolean(),
          letterNumber: z.string(),
          subject: z.string().nullable(),
          subjectWithheld: z.boolean(),
          signer,
          signedAt: timestamp,
          sha256: z.string(),
          timestamped: z.boolean(),
          log: letterInLog,
          certificateRevokedAt: timestamp.optional(),
          reason: z.string().optional(),
        }),
      },
    },
    errors: [404, 422, 429],
  }),
  file: operation({
    method: 'post',
    path: '/api/v1/verify',
    summary:
      'Public, no login: check a PDF (multipart file, at most 10 MB). Every signature is checked by itself (byte range, digest, CMS, certificate chain to the office trust anchors, timestamp), and the exact SHA-256 against the register of letters the office issued (knownLetter). A file changed, extended or updated after signing is valid: false with the reason. Rate-limited per address.',
    public: true,
    query: logQuery,
    body: { 'multipart/form-data': z.object({ file: binary }) },
    responses: { 200: { description: 'the verdict', schema: verificationSchema } },
    errors: [400, 413, 415, 422, 429],
  }),
};
