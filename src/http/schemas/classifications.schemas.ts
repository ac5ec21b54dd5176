/** The classification scheme and its import: requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { FINAL_DISPOSITIONS, isClassificationCode } from '../../domain/classification.ts';
import { operation } from '../openapi/operation.ts';
import { code, one, paging, plain } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';

// Dots only between parts (800.1.2): the parent of a code is what stands before its last dot.
const classCode = code
  .refine(isClassificationCode, { message: 'parts separated by single dots, such as 800.1.2', params: { code: 'scheme_code' } })
  .meta({ description: 'parts separated by single dots, e.g. 800.1.2; its parent must exist' });
const name = plain(z.string().trim().min(1).max(200));
const description = plain(z.string().trim().max(2000), { lines: true }).nullable();
const years = z.number().int('whole years').min(0).max(100).nullable();
const finalDisposition = z
  .enum(FINAL_DISPOSITIONS)
  .nullable()
  .meta({ description: 'after the inactive years: destroyed (musnah), kept for good (permanen), or assessed again (dinilai kembali)' });
const fields = {
  name,
  description: description.optional(),
  activeYears: years.optional(),
  inactiveYears: years.optional(),
  finalDisposition: finalDisposition.optional(),
};

export const newCode = z
  .object({ code: classCode, ...fields })
  .strict()
  .transform((c) => ({
    ...c,
    description: c.description ?? null,
    activeYears: c.activeYears ?? null,
    inactiveYears: c.inactiveYears ?? null,
    finalDisposition: c.finalDisposition ?? null,
  }));
export const codeChanges = z.object({ ...fields, name: name.optional(), active: z.boolean().optional() }).strict();
// A whole scheme fits in one page for pickers (hundreds of codes), so the limit goes higher than elsewhere.
export const classificationsQuery = z.object({
  page: paging.page,
  limit: one(z.coerce.number().int().min(1).max(1000)).default(100),
  q: one(plain(z.string().trim().max(64)))
    .optional()
    .meta({ description: 'start of a code or part of a name' }),
  all: one(z.enum(['true', 'false']))
    .optional()
    .meta({ description: 'include retired codes' }),
});

const classificationSchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    name: z.string(),
    description: z.string().nullable(),
    activeYears: z.number().int().nullable(),
    inactiveYears: z.number().int().nullable(),
    finalDisposition,
    active: z.boolean().meta({ description: 'retired codes stay on documents but are not offered' }),
    updatedAt: timestamp,
  })
  .meta({ id: 'Classification' });

/** A line of a scheme file as JSON (read by the import itself, which reports every bad line at once). */
const schemeEntry = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  activeYears: z.number().int().nullable(),
  inactiveYears: z.number().int().nullable(),
  finalDisposition: z.enum(FINAL_DISPOSITIONS).nullable(),
});

const byCode = z.object({ code });

export const classificationOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/classifications',
    summary: 'The classification scheme in reading order (everyone logged in)',
    query: classificationsQuery,
    responses: { 200: { description: 'codes', schema: pageOf(classificationSchema) } },
    errors: [401, 422],
  }),
  create: operation({
    method: 'post',
    path: '/api/v1/classifications',
    summary: 'Add a code (admin); a refinement such as 800.1 needs 800 first',
    body: { 'application/json': newCode },
    responses: { 201: { description: 'added', schema: classificationSchema } },
    errors: [400, 401, 403, 409, 422],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/classifications/:code',
    summary: 'One code, retired or not',
    params: byCode,
    responses: { 200: { description: 'the code', schema: classificationSchema } },
    errors: [401, 404, 422],
  }),
  edit: operation({
    method: 'patch',
    path: '/api/v1/classifications/:code',
    summary: 'Rename, describe, set retention, retire (active: false) or restore a code (admin)',
    params: byCode,
    body: { 'application/json': codeChanges },
    responses: { 200: { description: 'the code as now', schema: classificationSchema } },
    errors: [400, 401, 403, 404, 422],
  }),
  import: operation({
    method: 'post',
    path: '/api/v1/classifications/import',
    summary:
      'Import a scheme (admin, archivist): CSV with the header code,name,activeYears,inactiveYears,finalDisposition[,description], or a JSON array; all or nothing, 422 listing every bad line',
    body: { 'text/csv': z.string(), 'application/json': z.array(schemeEntry) },
    responses: {
      200: {
        description: 'what changed',
        schema: z
          .object({
            created: z.number().int(),
            updated: z.number().int(),
            unchanged: z.number().int(),
            errors: z.array(
              z.object({
                field: z.string(),
                line: z.number().int().optional(),
                message: z.string(),
                code: z.string().optional(),
                limit: z.number().optional(),
                origin: z.string().optional(),
              }),
            ),
          })
          .meta({ id: 'SchemeImport' }),
      },
    },
    errors: [401, 403, 413, 415, 422],
  }),
};
