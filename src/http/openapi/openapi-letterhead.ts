import { errors, json } from './openapi-parts.ts';

const line = { type: 'string', nullable: true };
const lines = {
  governmentLine: { ...line, example: 'PEMERINTAH KABUPATEN SLEMAN' },
  officeName: { ...line, description: 'null: the name of the root unit' },
  address: line,
  telephone: line,
  email: { type: 'string', format: 'email', nullable: true },
  website: line,
};
const letterhead = {
  type: 'object',
  properties: {
    ...lines,
    logo: {
      type: 'object',
      nullable: true,
      properties: {
        type: { type: 'string', enum: ['image/png', 'image/jpeg'] },
        width: { type: 'integer' },
        height: { type: 'integer' },
        bytes: { type: 'integer' },
      },
    },
    updatedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};
const answer = { description: 'the letterhead', ...json(letterhead) };

/** The office's letterhead (kop surat, issue 13). */
export const letterheadPaths = {
  '/api/v1/letterhead': {
    get: { summary: 'The letterhead every rendered letter prints (anyone logged in)', responses: { 200: answer, ...errors(401) } },
    put: {
      summary: 'Set the letterhead lines (admin, audited); every line is sent, an empty or null one is not printed',
      requestBody: json({ type: 'object', required: Object.keys(lines), properties: lines }),
      responses: { 200: answer, ...errors(400, 401, 403, 422) },
    },
  },
  '/api/v1/letterhead/logo': {
    get: {
      summary: 'The logo image',
      responses: { 200: { description: 'the image', content: { 'image/png': {}, 'image/jpeg': {} } }, ...errors(401, 404) },
    },
    put: {
      summary: 'Upload the logo (admin, audited): a PNG or JPEG as the body, at most 512 KB, 32-4000 px a side, drawn once to prove it prints',
      requestBody: {
        content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: { 200: answer, ...errors(401, 403, 413, 415, 422) },
    },
    delete: { summary: 'Remove the logo (admin, audited)', responses: { 200: answer, ...errors(401, 403) } },
  },
};
