import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const bool = { type: 'boolean' };
const nullable = (t: string) => ({ type: [t, 'null'] });
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const signer = obj({ name: str, title: str });

/** Signing (issue 5): the office CA, trusted roots, officials' certificates, signing, and public verification. */
export const signingPaths = {
  '/api/v1/users/{id}/certificate': {
    post: {
      summary:
        'Give an official a signing certificate (admin): JSON { pin, title?, nip? } has the office CA issue one (two years; the office root is made on first need); multipart p12 + passphrase + pin imports one from a licensed provider (PSrE such as BSrE), whose root must be trusted first. The key is kept only locked under the PIN (6–64 characters); the certificate becomes the current one, replacing (not revoking) any before. Audited as admin.certificate_issue / admin.certificate_import.',
      parameters: [idParam('id')],
      requestBody: {
        content: {
          'application/json': {
            schema: obj({ pin: { type: 'string', minLength: 6, maxLength: 64 }, title: str, nip: { type: 'string', description: '18 digits' } }, ['pin']),
          },
          'multipart/form-data': {
            schema: obj({ p12: { type: 'string', format: 'binary' }, passphrase: str, pin: str, title: str, nip: str }, ['p12', 'passphrase', 'pin']),
          },
        },
      },
      responses: {
        201: { description: 'the certificate (never its key)', ...json(ref('SigningCertificate')) },
        ...errors(400, 401, 403, 404, 409, 413, 415, 422, 503),
      },
    },
    get: {
      summary: "The user's current signing certificate (admin, or the official themself)",
      parameters: [idParam('id')],
      responses: { 200: { description: 'the certificate', ...json(ref('SigningCertificate')) }, ...errors(401, 403, 404) },
    },
    delete: {
      summary: "Revoke the user's current certificate (admin), or { certificateId } of theirs; it never signs again, letters signed before stay valid",
      parameters: [idParam('id')],
      requestBody: json(obj({ reason: str, certificateId: str })),
      responses: { 200: { description: 'the revoked certificate', ...json(ref('SigningCertificate')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/users/{id}/certificate/revoke': {
    post: {
      summary: 'The same as DELETE /api/v1/users/{id}/certificate',
      parameters: [idParam('id')],
      requestBody: json(obj({ reason: str, certificateId: str })),
      responses: { 200: { description: 'the revoked certificate', ...json(ref('SigningCertificate')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/users/{id}/certificates': {
    get: {
      summary: 'Every certificate the user has had, newest first (admin, or the official themself)',
      parameters: [idParam('id')],
      responses: { 200: { description: 'certificates', ...json(obj({ items: { type: 'array', items: ref('SigningCertificate') } })) }, ...errors(401, 403) },
    },
  },
  '/api/v1/letters/outgoing/{id}/sign': {
    post: {
      summary:
        "Sign an approved letter as its named signer, with the certificate's PIN and a fresh second-factor code (both required). Takes the unit's next letter number (gap-free: only a signing that commits uses one), makes the final PDF (a template letter rendered again, an uploaded draft rewritten clean), stamps the visible block with a QR code to /verify/<code>, signs it once (PAdES, ETSI.CAdES.detached; timestamped when TSA_URL is set), archives it as an outgoing document and registers its SHA-256. Wrong PIN or code: 403 (problem types wrong-pin, totp-invalid), repeated: 429. Signed already or being signed: 409. Audited as letter.outgoing_sign.",
      parameters: [idParam('id')],
      requestBody: json(obj({ pin: str, totp: { type: 'string', description: 'a TOTP code not used before, or a recovery code' } }, ['pin', 'totp'])),
      responses: {
        200: {
          description: 'signed',
          ...json(obj({ letterNumber: str, verificationCode: str, verifyUrl: str, signedDocumentId: str, sha256: str, signedAt: str, timestamped: bool })),
        },
        ...errors(400, 401, 403, 404, 409, 422, 429, 503),
      },
    },
  },
  '/api/v1/letters/outgoing/sign-batch': {
    post: {
      summary:
        'Sign several approved letters as their named signer with one PIN and one second-factor code (spent once; a wrong PIN or code refuses the whole batch with 403, 429 when repeated). Each letter is then signed as by /{id}/sign, in the order given: its own number, PAdES signature and audit entry, all or nothing per letter. A letter that cannot be signed (not approved, another signer, being signed) is reported as failed with the reason; the others are signed regardless.',
      requestBody: json(obj({ letterIds: { type: 'array', items: str, minItems: 1, maxItems: 100 }, pin: str, totp: str }, ['letterIds', 'pin', 'totp'])),
      responses: {
        200: {
          description: 'a result per letter',
          ...json(
            obj({
              results: {
                type: 'array',
                items: obj({ id: str, status: { type: 'string', enum: ['signed', 'failed'] }, letterNumber: str, error: str }, ['id', 'status']),
              },
            }),
          ),
        },
        ...errors(400, 401, 403, 422, 429, 503),
      },
    },
  },
  '/api/v1/letters/outgoing/{id}/signed': {
    get: {
      summary: 'The signed PDF, as an attachment (whoever may see the letter)',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the signed PDF', content: { 'application/pdf': {} } }, ...errors(401, 404, 503) },
    },
  },
  '/api/v1/signing/ca': {
    get: {
      summary: "The office root certificate (PEM): what a reader's PDF software must trust to call the office's signatures trusted",
      responses: { 200: { description: 'the root (never its key)', ...json(ref('OfficeCa')) }, ...errors(401, 404) },
    },
    post: {
      summary: 'Make the office root now (admin); otherwise it is made when the first certificate is issued. 200 when it exists already',
      responses: {
        201: { description: 'made', ...json(ref('OfficeCa')) },
        200: { description: 'it existed', ...json(ref('OfficeCa')) },
        ...errors(401, 403, 503),
      },
    },
  },
  '/api/v1/signing/trust-anchors': {
    get: {
      summary: 'Roots signatures must chain to: the office root and those an admin added (admin)',
      responses: {
        200: { description: 'roots', ...json(obj({ items: { type: 'array', items: obj({ sha256: str, subject: str, notAfter: str, office: bool }) } })) },
        ...errors(401, 403),
      },
    },
    post: {
      summary:
        "Trust one or more CA certificates (admin): a provider's root (BSrE) for imported certificates, the timestamp authority's root when TSA_URL is set",
      requestBody: json(obj({ pem: { type: 'string', description: 'PEM text, one certificate or a bundle' } }, ['pem'])),
      responses: {
        201: {
          description: 'added',
          ...json(obj({ added: { type: 'array', items: obj({ sha256: str, subject: str, notAfter: str }) }, alreadyTrusted: { type: 'integer' } })),
        },
        ...errors(400, 401, 403, 422),
      },
    },
  },
  '/api/v1/signing/trust-anchors/{sha256}': {
    delete: {
      summary: 'Stop trusting a root an admin added (admin)',
      parameters: [idParam('sha256')],
      responses: { 204: { description: 'removed' }, ...errors(401, 403, 404, 422) },
    },
  },
  '/verify/{code}': {
    get: {
      summary:
        "Public, no login: the page a letter's QR code opens (HTML, Indonesian and English), or with Accept: application/json the facts. Valid while the letter stands signed and the signer's certificate was not revoked at signing. The subject of a rahasia or sangat_rahasia letter is withheld. Rate-limited per address.",
      security: [],
      parameters: [idParam('code'), q('cosignatures', { type: 'integer', minimum: 0, maximum: 64 })],
      responses: {
        200: {
          description: 'a letter the office signed',
          content: {
            'text/html': {},
            'application/json': {
              schema: obj({
                valid: bool,
                letterNumber: str,
                subject: nullable('string'),
                subjectWithheld: bool,
                signer,
                signedAt: str,
                sha256: str,
                timestamped: bool,
                certificateRevokedAt: str,
                reason: str,
                log: {
                  type: 'object',
                  description:
                    "its place in the public log: recorded, index, size, leafHash, inclusionProof, checkpoint, verified, cosignedBy; with ?cosignatures=k, checked against the newest checkpoint k of the office's witnesses cosigned (cosignaturesRequired; pending with a detail while none holds the letter)",
                },
              }),
            },
          },
        },
        ...errors(404, 429),
      },
    },
  },
  '/api/v1/verify': {
    post: {
      summary:
        'Public, no login: check a PDF (multipart file, at most 10 MB). Every signature is checked by itself (byte range, digest, CMS, certificate chain to the office trust anchors, timestamp), and the exact SHA-256 against the register of letters the office issued (knownLetter). A file changed, extended or updated after signing is valid: false with the reason. Rate-limited per address.',
      security: [],
      parameters: [q('cosignatures', { type: 'integer', minimum: 0, maximum: 64 })],
      requestBody: { content: { 'multipart/form-data': { schema: obj({ file: { type: 'string', format: 'binary' } }, ['file']) } } },
      responses: { 200: { description: 'the verdict', ...json(ref('Verification')) }, ...errors(400, 413, 415, 422, 429) },
    },
  },
};

export const signingSchemas = {
  SigningCertificate: obj({
    id: str,
    userId: str,
    status: { type: 'string', enum: ['active', 'expired', 'not_yet_valid', 'revoked', 'replaced'] },
    source: { type: 'string', enum: ['office', 'imported', 'remote'] },
    serial: str,
    commonName: str,
    title: nullable('string'),
    nip: nullable('string'),
    issuer: str,
    sha256: str,
    notBefore: str,
    notAfter: str,
    createdAt: str,
    revokedAt: nullable('string'),
    revocationReason: nullable('string'),
    pem: str,
    chainPem: { type: 'array', items: str },
  }),
  OfficeCa: obj({ subject: str, commonName: str, serial: str, sha256: str, notBefore: str, notAfter: str, createdAt: str, pem: str }),
  Verification: obj({
    valid: bool,
    modifiedAfterSigning: bool,
    signatures: {
      type: 'array',
      items: obj({
        signer: { type: ['object', 'null'], properties: { name: str, serial: str, issuer: str } },
        signedAt: nullable('string'),
        intact: bool,
        coversWholeDocument: bool,
        trusted: bool,
        timestamped: bool,
        problems: { type: 'array', items: str },
      }),
    },
    knownLetter: obj({ letterNumber: str, subject: nullable('string'), signer, signedAt: str }),
    reason: str,
  }),
};
