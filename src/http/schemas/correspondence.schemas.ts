/** Naskah types and the contact book (issue 13): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { code, one, plain } from '../validate.ts';
import { timestamp } from './common.schemas.ts';

/** A type's code: lower-case words joined by hyphens (surat-dinas), as it appears in URLs and forms. */
export const typeCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits joined by hyphens')
  .max(40);
const text = (max: number) => plain(z.string().trim().min(1).max(max));
const format = plain(z.string().trim().min(1).max(200)).meta({
  description: 'placeholders {code} (classification) {seq} {unit} {year} {month} (Roman); {seq} and {year} required',
  example: 'ND/{code}/{seq}/{unit}/{year}',
});
const template = z
  .object({
    heading: text(100).nullable().default(null),
    fields: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'a field name: a letter, then letters, digits or _'),
            label: text(100),
            required: z.boolean().default(false),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    assignees: z.boolean().default(false),
    attachmentsLine: z.boolean().default(true),
  })
  .strict();
const fields = {
  name: text(200),
  numberFormat: format,
  unitFormats: z.record(code, format).optional().meta({ description: "a unit's own format, by unit code" }),
  template: template.optional(),
};
export const newLetterType = z.object({ code: typeCode, ...fields }).strict();
export const letterTypeChanges = z.object(fields).partial().strict();

const letterTypeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    numberFormat: z.string(),
    unitFormats: z.record(z.string(), z.string()),
    template: z.object({
      heading: z.string().nullable(),
      fields: z.array(z.object({ name: z.string(), label: z.string(), required: z.boolean() })),
      assignees: z.boolean(),
      attachmentsLine: z.boolean(),
    }),
    builtin: z.boolean(),
    updatedAt: timestamp,
  })
  .meta({ id: 'LetterType' });

export const contactQuery = z.object({
  q: one(plain(z.string().trim().max(100))).default(''),
  limit: one(z.coerce.number().int().min(1).max(50)).default(20),
});
export const newContact = z
  .object({
    name: plain(z.string().trim().min(1).max(300)),
    address: plain(z.string().trim().min(1).max(1000), { lines: true }).optional(),
    email: z.string().trim().email('an e-mail address').max(320).optional(),
  })
  .strict();

const contactSchema = z
  .object({ id: z.string(), name: z.string(), address: z.string().nullable(), email: z.string().nullable(), createdAt: timestamp })
  .meta({ id: 'Contact' });

const byCode = z.object({ code: typeCode });
const updateType = {
  path: '/api/v1/letter-types/:code',
  summary: 'Edit a naskah type (admin): name, number formats, template',
  params: byCode,
  body: { 'application/json': letterTypeChanges },
  responses: { 200: { description: 'the type', schema: letterTypeSchema } },
  errors: [400, 401, 403, 404, 422],
} as const;

export const correspondenceOps = {
  letterTypes: operation({
    method: 'get',
    path: '/api/v1/letter-types',
    summary: 'The naskah types with their number formats and templates (anyone logged in)',
    responses: { 200: { description: 'every type', schema: z.array(letterTypeSchema) } },
    errors: [401],
  }),
  addLetterType: operation({
    method: 'post',
    path: '/api/v1/letter-types',
    summary: 'Add a naskah type (admin)',
    body: { 'application/json': newLetterType },
    responses: { 201: { description: 'the type', schema: letterTypeSchema } },
    errors: [400, 401, 403, 409, 422],
  }),
  letterType: operation({
    method: 'get',
    path: '/api/v1/letter-types/:code',
    summary: 'One naskah type',
    params: byCode,
    responses: { 200: { description: 'the type', schema: letterTypeSchema } },
    errors: [401, 404, 422],
  }),
  editLetterType: operation({ method: 'patch', ...updateType }),
  /** PUT is taken as PATCH: the fields sent change, the others stay. */
  putLetterType: operation({ method: 'put', ...updateType, summary: `${updateType.summary}; the same as PATCH (the fields sent change, the others stay)` }),
  contacts: operation({
    method: 'get',
    path: '/api/v1/contacts',
    summary: 'Contacts whose name or one of its words starts with q, accents and case aside (search as one types)',
    query: contactQuery,
    responses: {
      200: { description: 'matching contacts by name', schema: z.object({ items: z.array(contactSchema), total: z.number().int() }) },
    },
    errors: [401, 422],
  }),
  addContact: operation({
    method: 'post',
    path: '/api/v1/contacts',
    summary: 'Add an external body to the contact book (clerk, staff, official, admin)',
    body: { 'application/json': newContact },
    responses: { 201: { description: 'the contact', schema: contactSchema } },
    errors: [400, 401, 403, 409, 422],
  }),
};
