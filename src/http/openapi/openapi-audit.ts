import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const range = [q('from', { type: 'string', description: 'YYYY-MM-DD (UTC day) or a date-time with offset' }), q('to', { type: 'string' })];
const ndjson = (description: string) => ({ description, content: { 'application/x-ndjson': { schema: ref('AuditEntry') } } });
const checkpoint = { type: 'object', properties: { seq: { type: 'integer' }, hash: str, at: str } };

/** The audit trail: list, verify, export, checkpoints, a user's own activity (auditor, admin). */
export const auditPaths = {
  '/api/v1/audit': {
    get: {
      summary: 'Audit entries in seq order (auditor, admin); entries about documents the caller may not see are neither returned nor counted',
      parameters: [
        q('documentId'),
        q('actorId'),
        q('action'),
        ...range,
        q('page', { type: 'integer', minimum: 1 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
      ],
      responses: {
        200: {
          description: 'a page of entries',
          ...json({
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('AuditEntry') },
              total: { type: 'integer' },
              page: { type: 'integer' },
              limit: { type: 'integer' },
            },
          }),
        },
        ...errors(401, 403, 422),
      },
    },
  },
  '/api/v1/audit/verify': {
    get: {
      summary: 'Recompute the hash chain (and stored checkpoints); with seq and hash, also check a checkpoint kept outside',
      parameters: [q('seq', { type: 'integer', minimum: 1 }), q('hash', { type: 'string', pattern: '^[0-9a-fA-F]{64}$' })],
      responses: {
        200: {
          description: '{ intact: true, entries, head } or { intact: false, entries, firstBrokenSeq, reason }',
          ...json({
            type: 'object',
            properties: {
              intact: { type: 'boolean' },
              entries: { type: 'integer' },
              firstBrokenSeq: { type: 'integer' },
              reason: str,
              head: checkpoint,
              checkpoint: { type: 'object', properties: { seq: { type: 'integer' }, hash: str, matches: { type: 'boolean' } } },
            },
          }),
        },
        ...errors(401, 403, 422),
      },
    },
  },
  '/api/v1/audit/export': {
    get: {
      summary: 'The visible entries as NDJSON (an attachment)',
      parameters: range,
      responses: { 200: ndjson('one entry per line'), ...errors(401, 403, 422) },
    },
  },
  '/api/v1/audit/checkpoints': {
    get: {
      summary: 'Checkpoints, newest first',
      parameters: [q('page', { type: 'integer', minimum: 1 }), q('limit', { type: 'integer', minimum: 1, maximum: 100 })],
      responses: {
        200: {
          description: 'a page of checkpoints',
          ...json({ type: 'object', properties: { items: { type: 'array', items: checkpoint }, total: { type: 'integer' } } }),
        },
        ...errors(401, 403, 422),
      },
    },
    post: { summary: 'Record the chain head now', responses: { 201: { description: 'the checkpoint', ...json(checkpoint) }, ...errors(401, 403) } },
  },
  '/api/v1/audit/checkpoints/latest': {
    get: {
      summary: 'The newest checkpoint; Accept: text/plain gives a page to print and keep',
      responses: {
        200: { description: 'the checkpoint', content: { 'application/json': { schema: checkpoint }, 'text/plain': { schema: str } } },
        ...errors(401, 403, 404),
      },
    },
  },
  '/api/v1/users/{id}/activity': {
    get: {
      summary: 'What one user did, as NDJSON (admin)',
      parameters: [idParam('id'), ...range],
      responses: { 200: ndjson('their entries'), ...errors(401, 403, 404, 422) },
    },
  },
};

export const auditSchemas = {
  AuditEntry: {
    type: 'object',
    properties: {
      seq: { type: 'integer' },
      at: str,
      actorId: { type: ['string', 'null'] },
      action: str,
      targetType: str,
      targetId: { type: ['string', 'null'] },
      details: { type: 'object' },
      hash: str,
      prevHash: str,
    },
  },
};
