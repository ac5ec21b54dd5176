/** The OpenAPI description of the backups page's API. */
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { errors, json, q, ref } from './openapi-parts.ts';

const dateTime = { type: 'string', format: 'date-time' };
const nullableInt = { type: ['integer', 'null'] };

export const backupSchemas = {
  BackupRun: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      trigger: { type: 'string', enum: ['schedule', 'command'], description: "the workers' schedule (BACKUP_DIR) or npm run cli -- backup" },
      state: {
        type: 'string',
        enum: ['running', 'succeeded', 'failed', 'interrupted'],
        description: 'interrupted: still marked running, but its process stopped answering',
      },
      directory: { type: 'string' },
      name: { type: ['string', 'null'], description: "the backup's folder under DIR/backups (npm run cli -- restore --from DIR --backup NAME)" },
      encrypted: { type: 'boolean' },
      startedAt: dateTime,
      finishedAt: { ...dateTime, type: ['string', 'null'] },
      durationMs: nullableInt,
      bytes: { ...nullableInt, description: 'everything the backup holds' },
      newBytes: { ...nullableInt, description: 'what this run wrote; the rest was in DIR already' },
      objects: nullableInt,
      newObjects: nullableInt,
      warnings: { type: 'array', items: { type: 'string' }, description: 'stored files the office itself lacked when it ran' },
      error: { type: ['string', 'null'], description: 'in English, for operators' },
      errorCode: { type: ['string', 'null'], enum: [...FAILURE_KINDS, null], description: 'the kind of error (src/domain/failure-kinds.ts)' },
    },
  },
};

export const backupPaths = {
  '/api/v1/backups': {
    get: {
      summary: 'The latest backup runs, newest first, with the backup settings and whether the last good backup is older than the interval (admin)',
      parameters: [q('page', { type: 'integer', minimum: 1 }), q('limit', { type: 'integer', minimum: 1, maximum: 100 })],
      responses: {
        200: {
          description: 'runs',
          ...json({
            type: 'object',
            properties: {
              items: { type: 'array', items: ref('BackupRun') },
              total: { type: 'integer' },
              page: { type: 'integer' },
              limit: { type: 'integer' },
              settings: {
                type: 'object',
                properties: {
                  directory: { type: ['string', 'null'] },
                  intervalHours: { type: 'number' },
                  keep: { type: 'integer' },
                  encrypted: { type: 'boolean' },
                },
              },
              lastSuccessAt: { ...dateTime, type: ['string', 'null'] },
              overdue: { type: 'boolean', description: 'no good backup within the interval (the admin home warns)' },
            },
          }),
        },
        ...errors(401, 403, 422),
      },
    },
  },
};
