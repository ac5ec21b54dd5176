/** The office's letterhead (kop surat, issue 13): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { plain } from '../validate.ts';
import { binary, timestamp } from './common.schemas.ts';

const line = (max: number) => plain(z.string().trim().max(max)).transform((s) => s || null);
/** Every line is sent: an empty or null one is not printed. */
export const letterheadLines = z
  .object({
    governmentLine: line(200).nullable().meta({ example: 'PEMERINTAH KABUPATEN SLEMAN' }),
    officeName: line(200).nullable().meta({ description: 'null: the name of the root unit' }),
    address: line(300).nullable(),
    telephone: line(100).nullable(),
    email: z
      .string()
      .trim()
      .max(320)
      .transform((s) => s || null)
      .pipe(z.string().email('an e-mail address').nullable())
      .nullable(),
    website: line(200).nullable(),
  })
  .strict();

const letterheadSchema = z.object({
  governmentLine: z.string().nullable(),
  officeName: z.string().nullable().meta({ description: 'null: the name of the root unit' }),
  address: z.string().nullable(),
  telephone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  logo: z
    .object({ type: z.enum(['image/png', 'image/jpeg']), width: z.number().int(), height: z.number().int(), bytes: z.number().int() })
    .nullable()
    .meta({ description: 'what the logo is (GET /letterhead/logo serves it)' }),
  updatedAt: timestamp.nullable(),
});
const answer = { 200: { description: 'the letterhead', schema: letterheadSchema } };
const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

export const letterheadOps = {
  get: operation({
    method: 'get',
    path: '/api/v1/letterhead',
    summary: 'The letterhead every rendered letter prints (anyone logged in)',
    responses: answer,
    errors: [401],
  }),
  set: operation({
    method: 'put',
    path: '/api/v1/letterhead',
    summary: 'Set the letterhead lines (admin, audited); every line is sent, an empty or null one is not printed',
    body: { 'application/json': letterheadLines },
    responses: answer,
    errors: [400, 401, 403, 422],
  }),
  logo: operation({
    method: 'get',
    path: '/api/v1/letterhead/logo',
    summary: 'The logo image',
    responses: { 200: { description: 'the image', type: LOGO_TYPES } },
    errors: [401, 404],
  }),
  setLogo: operation({
    method: 'put',
    path: '/api/v1/letterhead/logo',
    summary: 'Upload the logo (admin, audited): a PNG or JPEG as the body, at most 512 KB, 32-4000 px a side, drawn once to prove it prints',
    body: { 'image/png': binary, 'image/jpeg': binary },
    responses: answer,
    errors: [401, 403, 413, 415, 422],
  }),
  removeLogo: operation({
    method: 'delete',
    path: '/api/v1/letterhead/logo',
    summary: 'Remove the logo (admin, audited)',
    responses: answer,
    errors: [401, 403],
  }),
};
