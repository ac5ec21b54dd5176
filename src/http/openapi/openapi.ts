/**
 * The published contract (OpenAPI 3.1), kept by hand next to the routes;
 * test/integration/openapi.test.ts checks that every path it names is served.
 */
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { accountPaths, accountSchemas } from './openapi-accounts.ts';
import { peoplePaths } from './openapi-people.ts';
import { auditPaths, auditSchemas } from './openapi-audit.ts';
import { backupPaths, backupSchemas } from './openapi-backups.ts';
import { letterPaths, letterSchemas } from './openapi-letters.ts';
import { correctionPaths } from './openapi-corrections.ts';
import { notificationPaths, notificationSchemas } from './openapi-notifications.ts';
import { operationsPaths, operationsSchemas } from './openapi-operations.ts';
import { recordsPaths, recordsSchemas } from './openapi-records.ts';
import { outgoingPaths, outgoingSchemas } from './openapi-outgoing.ts';
import { correspondencePaths, correspondenceSchemas } from './openapi-correspondence.ts';
import { hitDescription, paperPaths, savedSearchPaths } from './openapi-papers.ts';
import { letterheadPaths } from './openapi-letterhead.ts';
import { berkasPaths } from './openapi-berkas.ts';
import { signingPaths, signingSchemas } from './openapi-signing.ts';
import { publicLogPaths } from './openapi-public-log.ts';
import { DOCUMENT_KINDS } from '../../domain/document.ts';
import { RETENTION_PHASES } from '../../domain/retention.ts';
import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const documentMetadata = {
  title: { type: 'string', maxLength: 500 },
  classificationCode: { type: 'string' },
  securityLevel: { type: 'string', enum: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] },
  unitCode: { type: 'string' },
  documentDate: { type: 'string', format: 'date' },
  letterNumber: { type: 'string' },
  sender: { type: 'string' },
};

const documentForm = {
  type: 'object',
  properties: { file: { type: 'string', format: 'binary' }, ...documentMetadata, tags: { type: 'string', description: 'comma separated' } },
};

export const openApiDocument = (publicUrl: string) => ({
  openapi: '3.1.0',
  info: { title: 'Naskah API', version: '1.0.0', description: 'Archive, find, route and sign the letters of an Indonesian government office.' },
  servers: [{ url: publicUrl }],
  security: [{ bearer: [] }],
  paths: {
    '/healthz': { get: { summary: 'The process runs', security: [], responses: { 200: { description: 'ok' } } } },
    '/readyz': {
      get: {
        summary: 'Database, storage, search (and the malware scanner when configured) answer',
        security: [],
        responses: { 200: { description: 'ready' }, ...errors(503) },
      },
    },
    ...accountPaths,
    ...peoplePaths,
    ...auditPaths,
    ...letterPaths,
    ...correctionPaths,
    ...outgoingPaths,
    ...correspondencePaths,
    ...paperPaths,
    ...savedSearchPaths,
    ...letterheadPaths,
    ...berkasPaths,
    ...signingPaths,
    ...publicLogPaths,
    ...notificationPaths,
    ...operationsPaths,
    ...recordsPaths,
    ...backupPaths,
    '/api/v1/documents': {
      post: {
        summary: 'Archive one file (PDF, JPEG, PNG, TIFF)',
        requestBody: { content: { 'multipart/form-data': { schema: documentForm } } },
        responses: {
          201: { description: 'stored; text extraction follows', ...json(ref('Document')) },
          200: { description: 'the same bytes exist: that document, with duplicate: true', ...json(ref('Document')) },
          ...errors(400, 401, 403, 413, 415, 422, 503),
        },
      },
    },
    '/api/v1/documents/batch': {
      post: {
        summary: 'Bulk import: many file parts, or one ZIP',
        requestBody: { content: { 'multipart/form-data': { schema: documentForm } } },
        responses: {
          202: {
            description: 'accepted',
            ...json({ type: 'object', properties: { batchId: { type: 'string' }, files: { type: 'integer' }, rejected: { type: 'integer' } } }),
          },
          ...errors(400, 401, 403, 413, 415, 422, 503),
        },
      },
    },
    '/api/v1/documents/batch/{batchId}': {
      get: {
        summary: 'Progress and per-file status of a bulk import',
        parameters: [idParam('batchId')],
        responses: { 200: { description: 'per-file status' }, ...errors(401, 404) },
      },
    },
    '/api/v1/documents/{id}': {
      get: {
        summary: 'Metadata, with its version as the ETag',
        parameters: [idParam('id')],
        responses: { 200: { description: 'metadata', ...json(ref('Document')) }, ...errors(401, 404) },
      },
      patch: {
        summary:
          'Correct the description (clerk or admin of the unit): versioned, audited with the values before and after, re-indexed. If-Match names the version read (412 when it is no longer current); what a signature covers on a signed letter or minutes cannot change (409)',
        parameters: [idParam('id'), { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', example: '"3"' } }],
        requestBody: json({
          type: 'object',
          additionalProperties: false,
          properties: {
            ...documentMetadata,
            tags: { type: 'array', items: { type: 'string' } },
            reason: { type: 'string', maxLength: 1000, description: 'why it is corrected' },
          },
        }),
        responses: {
          200: { description: 'the document as now described (new ETag)', ...json(ref('Document')) },
          ...errors(400, 401, 403, 404, 409, 410, 412, 422),
        },
      },
    },
    '/api/v1/documents/{id}/corrections': {
      get: {
        summary: 'Every correction (version, who, when, why, values before and after) and the description as first registered',
        parameters: [idParam('id')],
        responses: { 200: { description: 'corrections' }, ...errors(401, 404) },
      },
    },
    '/api/v1/documents/{id}/content': {
      get: {
        summary: 'The original bytes, as an attachment',
        parameters: [idParam('id')],
        responses: { 200: { description: 'the original' }, ...errors(401, 404, 503) },
      },
    },
    '/api/v1/documents/{id}/searchable': {
      get: {
        summary:
          "A scanned document's searchable PDF (page images with an invisible text layer), kept beside the original; a PDF whose every page has its own text answers its original (header X-Naskah-Searchable: original)",
        parameters: [idParam('id')],
        responses: { 200: { description: 'the searchable PDF, as an attachment' }, ...errors(401, 404, 410, 503) },
      },
    },
    '/api/v1/documents/{id}/thumbnail': {
      get: {
        summary: 'A small JPEG of the first page (240 px wide), once the worker made it',
        parameters: [idParam('id')],
        responses: { 200: { description: 'image/jpeg' }, ...errors(401, 404, 410, 503) },
      },
    },
    '/api/v1/documents/{id}/pages/{n}/image': {
      get: {
        summary: 'Page n (from 1) as a JPEG up to 1000 px wide, upright, for paging through any document in the browser',
        parameters: [idParam('id'), { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { 200: { description: 'image/jpeg' }, ...errors(401, 404, 410, 422, 503) },
      },
    },
    '/api/v1/documents/{id}/text': {
      get: {
        summary: 'Extracted text per page',
        parameters: [idParam('id')],
        responses: {
          200: {
            description: 'text',
            ...json({
              type: 'object',
              properties: {
                text: { type: 'string' },
                pages: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { page: { type: 'integer' }, text: { type: 'string' }, confidence: { type: 'number' }, source: { type: 'string' } },
                  },
                },
              },
            }),
          },
          ...errors(401, 404),
        },
      },
    },
    '/api/v1/search': {
      get: {
        summary: 'Full-text search over the documents the caller may see',
        parameters: [
          q('q'),
          q('page', { type: 'integer', minimum: 1, maximum: 1000 }),
          q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
          q('unitCode'),
          q('classificationCode', { type: 'string', description: 'the code or any refinement of it (800 finds 800.1.2)' }),
          q('kind', { type: 'string', enum: [...DOCUMENT_KINDS] }),
          q('retentionPhase', { type: 'string', enum: [...RETENTION_PHASES] }),
          q('from', { type: 'string', format: 'date' }),
          q('to', { type: 'string', format: 'date' }),
          q('exactTotal', { type: 'boolean', description: 'count every match even where total and facets would be estimated' }),
          q('sort', {
            type: 'string',
            enum: ['relevance', 'date'],
            description: 'relevance (default), or date: documentDate, else the day added, newest first',
          }),
        ],
        responses: { 200: { description: 'hits with highlighted passages (<mark>)', ...json(ref('SearchResult')) }, ...errors(401, 422, 503) },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: { Problem: { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: ref('Problem') } } } },
    schemas: {
      Problem: {
        type: 'object',
        properties: {
          type: {
            type: 'string',
            description:
              'ends in the problem code: an error code (not-found, conflict, …) or a precise type (domain/problem-types.ts); clients show their own words per code',
          },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string', description: 'English, for logs and developers' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                field: { type: 'string' },
                message: { type: 'string' },
                code: { type: 'string', description: 'what is wrong (too_small, too_big, invalid_format, invalid_value, …) when validation found it' },
                limit: { type: 'number' },
                origin: { type: 'string', description: 'what the limit counts: string (characters), array (items), number' },
              },
            },
          },
        },
      },
      ...accountSchemas,
      ...auditSchemas,
      ...letterSchemas,
      ...outgoingSchemas,
      ...correspondenceSchemas,
      ...signingSchemas,
      ...notificationSchemas,
      ...operationsSchemas,
      ...recordsSchemas,
      ...backupSchemas,
      Document: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'string', enum: ['processing', 'ready', 'failed'] },
          error: { type: 'string', description: 'why processing failed, in English for operators' },
          errorCode: { type: 'string', enum: [...FAILURE_KINDS], description: 'the kind of error (src/domain/failure-kinds.ts)' },
          sha256: { type: 'string' },
          size: { type: 'integer' },
          mimeType: { type: 'string' },
          pages: { type: ['integer', 'null'] },
          textSource: { type: ['string', 'null'], enum: ['pdf-text', 'ocr', 'none', null] },
          duplicate: { type: 'boolean' },
          createdAt: { type: 'string' },
          legacyCode: { type: ['string', 'null'] },
          retention: ref('Retention'),
        },
      },
      SearchResult: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                kind: { type: 'string' },
                highlights: { type: 'array', items: { type: 'string' } },
                score: { type: 'number' },
                ...hitDescription,
              },
            },
          },
          total: { type: 'integer' },
          totalEstimated: {
            type: 'boolean',
            description: 'total and facets estimated from a sample (a query matching much of a large index); exactTotal=true counts them all',
          },
          page: { type: 'integer' },
          limit: { type: 'integer' },
          facets: { type: 'object' },
          tookMs: { type: 'number' },
        },
      },
    },
  },
});
