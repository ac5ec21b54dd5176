/** The OpenAPI description of the classification scheme and the background jobs screen. */
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const years = { type: ['integer', 'null'], minimum: 0, maximum: 100 };
const dateTime = { type: 'string', format: 'date-time' };
const finalDisposition = {
  type: ['string', 'null'],
  enum: ['destroy', 'permanent', 'review', null],
  description: 'after the inactive years: destroyed (musnah), kept for good (permanen), or assessed again (dinilai kembali)',
};
const fields = {
  name: { type: 'string', maxLength: 200 },
  description: { type: ['string', 'null'], maxLength: 2000 },
  activeYears: years,
  inactiveYears: years,
  finalDisposition,
};
const page = [q('page', { type: 'integer', minimum: 1 })];
const list = (item: object, extra: object = {}) =>
  json({
    type: 'object',
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' }, ...extra },
  });
const codeParam = idParam('code');

export const operationsSchemas = {
  Classification: {
    type: 'object',
    properties: {
      code: str,
      parentCode: nullableStr,
      ...fields,
      active: { type: 'boolean', description: 'retired codes stay on documents but are not offered' },
      updatedAt: dateTime,
    },
  },
  Job: {
    type: 'object',
    properties: {
      id: str,
      type: {
        type: 'string',
        description:
          'one of the job types of src/domain/job-types.ts: ingest-batch, extract-text, index-document, index-documents, apply-scheme, retention-pass, execute-disposal, fixity-run, send-email',
      },
      state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
      attempts: { type: 'integer' },
      maxAttempts: { type: 'integer' },
      lastError: { ...nullableStr, description: 'in English, for operators' },
      lastErrorCode: { type: ['string', 'null'], enum: [...FAILURE_KINDS, null], description: 'the kind of lastError, for clients to say in their language' },
      runAt: dateTime,
      createdAt: dateTime,
      updatedAt: dateTime,
      retryable: { type: 'boolean' },
      subject: {
        type: ['object', 'null'],
        properties: {
          kind: { type: 'string', enum: ['document', 'batch', 'email'], description: 'email: the id is the notification whose email the job sends' },
          id: str,
          title: { ...nullableStr, description: 'only when the caller may read the document' },
        },
      },
    },
  },
};

export const operationsPaths = {
  '/api/v1/classifications': {
    get: {
      summary: 'The classification scheme in reading order (everyone logged in)',
      parameters: [
        q('q', { type: 'string', maxLength: 64, description: 'start of a code or part of a name' }),
        q('all', { type: 'string', enum: ['true', 'false'], description: 'include retired codes' }),
        ...page,
        q('limit', { type: 'integer', minimum: 1, maximum: 1000 }),
      ],
      responses: { 200: { description: 'codes', ...list(ref('Classification')) }, ...errors(401, 422) },
    },
    post: {
      summary: 'Add a code (admin); a refinement such as 800.1 needs 800 first',
      requestBody: json({
        type: 'object',
        required: ['code', 'name'],
        additionalProperties: false,
        properties: {
          code: {
            type: 'string',
            pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$',
            description: 'parts separated by single dots, e.g. 800.1.2; its parent must exist',
          },
          ...fields,
        },
      }),
      responses: { 201: { description: 'added', ...json(ref('Classification')) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  '/api/v1/classifications/{code}': {
    get: {
      summary: 'One code, retired or not',
      parameters: [codeParam],
      responses: { 200: { description: 'the code', ...json(ref('Classification')) }, ...errors(401, 404, 422) },
    },
    patch: {
      summary: 'Rename, describe, set retention, retire (active: false) or restore a code (admin)',
      parameters: [codeParam],
      requestBody: json({ type: 'object', additionalProperties: false, properties: { ...fields, active: { type: 'boolean' } } }),
      responses: { 200: { description: 'the code as now', ...json(ref('Classification')) }, ...errors(400, 401, 403, 404, 422) },
    },
  },
  '/api/v1/jobs': {
    get: {
      summary: 'Background jobs of one state, newest change first, with counts per state (admin)',
      parameters: [
        q('state', { type: 'string', enum: ['queued', 'running', 'done', 'failed'], default: 'failed' }),
        ...page,
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
      ],
      responses: {
        200: { description: 'jobs', ...list(ref('Job'), { counts: { type: 'object', additionalProperties: { type: 'integer' } } }) },
        ...errors(401, 403, 422),
      },
    },
  },
  '/api/v1/jobs/{id}/retry': {
    post: {
      summary: 'Queue a failed job again with fresh attempts (admin); its document goes back to processing',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the job as now', ...json(ref('Job')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
};
