import { errors, json } from './openapi-parts.ts';

const str = { type: 'string' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });

/** An addressee or copy: a unit of this office, a person, a contact, or a body typed in. */
export const partySchema = {
  oneOf: [
    obj({ unitCode: str }, ['unitCode']),
    obj({ userId: str }, ['userId']),
    obj({ contactId: str }, ['contactId']),
    obj({ name: str, address: str, email: { type: 'string', format: 'email' } }, ['name']),
  ],
};

/** The typed template mode of POST /letters/outgoing (issue 13). */
export const typedDraftSchema = obj(
  {
    type: { type: 'string', description: 'a code from GET /api/v1/letter-types; default surat-dinas' },
    subject: str,
    classificationCode: str,
    signerId: str,
    reviewerIds: { type: 'array', items: str },
    securityLevel: { type: 'string', enum: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] },
    note: str,
    recipient: str,
    addressees: { type: 'array', items: partySchema, minItems: 1 },
    copies: { type: 'array', items: partySchema },
    inReplyTo: { type: 'string', description: 'the incoming letter this one answers' },
    template: obj(
      {
        body: str,
        addressee: { type: 'string', description: 'overrides the Yth. block made from the addressees' },
        place: str,
        date: { type: 'string', format: 'date' },
        attachments: str,
        signerTitle: str,
        fields: { type: 'object', additionalProperties: str, description: "the type's fields by name" },
        assignees: { type: 'array', items: { oneOf: [obj({ userId: str }, ['userId']), obj({ name: str, nip: str, position: str }, ['name'])] } },
      },
      ['body'],
    ),
  },
  ['subject', 'classificationCode', 'signerId', 'addressees', 'template'],
);

/** The preview of a template draft (issue 13); naskah types and contacts are declared in ../schemas/correspondence.schemas.ts. */
export const correspondencePaths = {
  '/api/v1/letters/outgoing/preview': {
    post: {
      summary: 'The letter as it would print, before it is submitted: the same JSON as a template draft; nothing is stored',
      requestBody: json(typedDraftSchema),
      responses: {
        200: { description: 'the rendered PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
        ...errors(400, 401, 403, 415, 422),
      },
    },
  },
};
