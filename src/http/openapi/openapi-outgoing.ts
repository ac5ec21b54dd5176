import { errors, idParam, json, q, ref } from './openapi-parts.ts';
import { typedDraftSchema } from './openapi-correspondence.ts';

const str = { type: 'string' };
const int = { type: 'integer' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const template = obj({ addressee: str, body: str, place: str, date: { type: 'string', format: 'date' }, attachments: str, signerTitle: str }, [
  'addressee',
  'body',
]);
const draftFields = {
  subject: str,
  recipient: str,
  classificationCode: str,
  signerId: str,
  securityLevel: { type: 'string', enum: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] },
  note: str,
};
const version = {
  content: {
    'multipart/form-data': { schema: obj({ file: { type: 'string', format: 'binary' }, note: str }, ['file']) },
    'application/json': { schema: obj({ template, note: str }, ['template']) },
  },
};

/** Outgoing letters through review (paraf); signing is its own step. */
export const outgoingPaths = {
  '/api/v1/letters/outgoing': {
    post: {
      summary: 'Draft an outgoing letter (staff, official, clerk): upload the PDF, or send a template the system renders; reviewers act in the order given',
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: obj(
              { file: { type: 'string', format: 'binary' }, ...draftFields, reviewerIds: { type: 'string', description: 'comma separated, in review order' } },
              ['file', 'subject', 'recipient', 'classificationCode', 'signerId'],
            ),
          },
          'application/json': {
            schema: {
              oneOf: [
                obj({ ...draftFields, type: str, inReplyTo: str, reviewerIds: { type: 'array', items: str }, template }, [
                  'subject',
                  'recipient',
                  'classificationCode',
                  'signerId',
                  'template',
                ]),
                typedDraftSchema,
              ],
            },
          },
        },
      },
      responses: {
        201: { description: 'the draft: in_review, or approved when nobody reviews', ...json(ref('OutgoingLetter')) },
        ...errors(400, 401, 403, 409, 413, 415, 422),
      },
    },
    get: {
      summary: 'Outgoing letters the caller may see; waitingFor=me: where the caller is the current reviewer, or the signer of an approved letter',
      parameters: [
        q('status', { type: 'string', enum: ['in_review', 'returned', 'approved', 'signed'] }),
        q('waitingFor', { type: 'string', enum: ['me'] }),
        q('drafter', { type: 'string', enum: ['me'] }),
        q('dispatched', { type: 'string', enum: ['true', 'false'], description: 'signed letters already sent out, or still to send' }),
        q('page', { type: 'integer', minimum: 1 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
      ],
      responses: {
        200: { description: 'a page of letters', ...json(obj({ items: { type: 'array', items: ref('OutgoingLetter') }, total: int, page: int, limit: int })) },
        ...errors(401, 422),
      },
    },
  },
  '/api/v1/letters/outgoing/{id}': {
    get: {
      summary: 'A letter with its versions and review steps',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the letter', ...json(ref('OutgoingLetter')) }, ...errors(401, 404, 422) },
    },
  },
  '/api/v1/letters/outgoing/{id}/dispatch': {
    post: {
      summary: 'Record that a signed letter was sent out (a clerk; once)',
      parameters: [idParam('id')],
      requestBody: json(
        obj(
          {
            via: { type: 'string', enum: ['post', 'courier', 'email', 'hand', 'other'] },
            note: { type: 'string', maxLength: 500, description: 'e.g. a receipt number' },
          },
          ['via'],
        ),
      ),
      responses: { 200: { description: 'the letter', ...json(ref('OutgoingLetter')) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/letters/outgoing/{id}/approve': {
    post: {
      summary: 'Approve (paraf) as the current reviewer',
      parameters: [idParam('id')],
      requestBody: json(obj({ comment: str })),
      responses: { 200: { description: 'the letter', ...json(ref('OutgoingLetter')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/letters/outgoing/{id}/return': {
    post: {
      summary:
        'Return the draft to its drafter with a comment: as the current reviewer while it is in review, or as its signer once it is approved (kept as signerReturn)',
      parameters: [idParam('id')],
      requestBody: json(obj({ comment: str }, ['comment'])),
      responses: { 200: { description: 'the letter', ...json(ref('OutgoingLetter')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/letters/outgoing/{id}/versions': {
    post: {
      summary: 'Revise a returned draft (the drafter): a new version goes round the same reviewers again',
      parameters: [idParam('id')],
      requestBody: version,
      responses: { 201: { description: 'the letter', ...json(ref('OutgoingLetter')) }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  },
  '/api/v1/letters/outgoing/{id}/document': {
    get: {
      summary: "The current version's PDF (or ?version=n), as an attachment",
      parameters: [idParam('id'), q('version', { type: 'integer', minimum: 1 })],
      responses: { 200: { description: 'the PDF' }, ...errors(401, 404) },
    },
  },
};

export const outgoingSchemas = {
  OutgoingLetter: obj({
    id: str,
    type: { type: 'string', description: 'the naskah type' },
    addressees: {
      type: 'array',
      items: obj({ name: str, unitCode: str, userId: str, contactId: str, address: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } }),
    },
    copies: {
      type: 'array',
      items: obj({ name: str, unitCode: str, userId: str, contactId: str, address: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } }),
    },
    inReplyTo: { type: ['string', 'null'], description: 'the incoming letter it answers' },
    deliveries: {
      type: 'array',
      description: 'once signed: the registers of this office it landed in',
      items: obj({ unitCode: str, incomingLetterId: str, kind: { type: 'string', enum: ['addressee', 'copy'] } }),
    },
    emails: {
      type: 'array',
      description: 'once signed, with a mail server: each external addressee or copy with an address, sent the signed PDF and its verification link',
      items: obj({
        name: str,
        address: str,
        kind: { type: 'string', enum: ['addressee', 'copy'] },
        state: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed'] },
        reason: { type: ['string', 'null'] },
        sentAt: { type: ['string', 'null'], format: 'date-time' },
      }),
    },
    status: { type: 'string', enum: ['in_review', 'returned', 'approved', 'signed'] },
    version: int,
    documentId: str,
    subject: str,
    recipient: str,
    classificationCode: str,
    securityLevel: str,
    unitCode: str,
    drafterId: str,
    signerId: str,
    reviewers: {
      type: 'array',
      items: obj({
        userId: str,
        position: int,
        state: { type: 'string', enum: ['pending', 'approved', 'returned', 'not_reached'] },
        comment: { type: ['string', 'null'] },
        decidedAt: { type: ['string', 'null'] },
      }),
    },
    waitingFor: { type: ['string', 'null'] },
    letterNumber: { type: ['string', 'null'] },
    signedAt: { type: ['string', 'null'] },
    signedDocumentId: { type: ['string', 'null'] },
    signerReturn: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, comment: str } },
    dispatch: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, by: str, via: str, note: { type: ['string', 'null'] } } },
    verificationCode: { type: ['string', 'null'] },
    verifyUrl: { type: ['string', 'null'] },
    versions: { type: 'array', items: { type: 'object' } },
    createdAt: str,
    updatedAt: str,
  }),
};
