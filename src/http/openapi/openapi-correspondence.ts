import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const field = obj({ name: str, label: str, required: { type: 'boolean' } }, ['name', 'label']);
const typeTemplate = obj({
  heading: { type: 'string', nullable: true },
  fields: { type: 'array', items: field },
  assignees: { type: 'boolean' },
  attachmentsLine: { type: 'boolean' },
});
const typeBody = {
  name: str,
  numberFormat: {
    type: 'string',
    description: 'placeholders {code} (classification) {seq} {unit} {year} {month} (Roman); {seq} and {year} required',
    example: 'ND/{code}/{seq}/{unit}/{year}',
  },
  unitFormats: { type: 'object', additionalProperties: str, description: "a unit's own format, by unit code" },
  template: typeTemplate,
};
const contact = obj({
  id: str,
  name: str,
  address: { type: 'string', nullable: true },
  email: { type: 'string', nullable: true },
  createdAt: { type: 'string', format: 'date-time' },
});

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

/** Naskah types, the contact book and the preview (issue 13). */
export const correspondencePaths = {
  '/api/v1/letter-types': {
    get: {
      summary: 'The naskah types with their number formats and templates (anyone logged in)',
      responses: { 200: { description: 'every type', ...json({ type: 'array', items: ref('LetterType') }) }, ...errors(401) },
    },
    post: {
      summary: 'Add a naskah type (admin)',
      requestBody: json(obj({ code: str, ...typeBody }, ['code', 'name', 'numberFormat'])),
      responses: { 201: { description: 'the type', ...json(ref('LetterType')) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  '/api/v1/letter-types/{code}': {
    get: {
      summary: 'One naskah type',
      parameters: [idParam('code')],
      responses: { 200: { description: 'the type', ...json(ref('LetterType')) }, ...errors(401, 404, 422) },
    },
    patch: {
      summary: 'Edit a naskah type (admin): name, number formats, template',
      parameters: [idParam('code')],
      requestBody: json(obj(typeBody)),
      responses: { 200: { description: 'the type', ...json(ref('LetterType')) }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  '/api/v1/contacts': {
    get: {
      summary: 'Contacts whose name or one of its words starts with q, accents and case aside (search as one types)',
      parameters: [q('q'), q('limit', { type: 'integer', minimum: 1, maximum: 50 })],
      responses: {
        200: { description: 'matching contacts by name', ...json(obj({ items: { type: 'array', items: contact }, total: { type: 'integer' } })) },
        ...errors(401, 422),
      },
    },
    post: {
      summary: 'Add an external body to the contact book (clerk, staff, official, admin)',
      requestBody: json(obj({ name: str, address: str, email: { type: 'string', format: 'email' } }, ['name'])),
      responses: { 201: { description: 'the contact', ...json(contact) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
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

export const correspondenceSchemas = {
  LetterType: obj({ code: str, ...typeBody, builtin: { type: 'boolean' }, updatedAt: { type: 'string', format: 'date-time' } }),
};
