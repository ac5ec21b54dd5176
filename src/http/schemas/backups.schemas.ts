/** The backups page's API: requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { operation } from '../openapi/operation.ts';
import { paging } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';

export const backupsQuery = z.object(paging);

const count = z.number().int().nullable();

const backupRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['schedule', 'command']).meta({ description: "the workers' schedule (BACKUP_DIR) or npm run cli -- backup" }),
    state: z
      .enum(['running', 'succeeded', 'failed', 'interrupted'])
      .meta({ description: 'interrupted: still marked running, but its process stopped answering' }),
    directory: z.string(),
    name: z.string().nullable().meta({ description: "the backup's folder under DIR/backups (npm run cli -- restore --from DIR --backup NAME)" }),
    encrypted: z.boolean(),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    durationMs: count,
    bytes: count.meta({ description: 'everything the backup holds' }),
    newBytes: count.meta({ description: 'what this run wrote; the rest was in DIR already' }),
    objects: count,
    newObjects: count,
    warnings: z.array(z.string()).meta({ description: 'stored files the office itself lacked when it ran' }),
    error: z.string().nullable().meta({ description: 'in English, for operators' }),
    errorCode: z.enum(FAILURE_KINDS).nullable().meta({ description: 'the kind of error (src/domain/failure-kinds.ts)' }),
  })
  .meta({ id: 'BackupRun' });

export const backupOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/backups',
    summary: 'The latest backup runs, newest first, with the backup settings and whether the last good backup is older than the interval (admin)',
    query: backupsQuery,
    responses: {
      200: {
        description: 'runs',
        schema: pageOf(backupRunSchema)
          .extend({
            settings: z.object({ directory: z.string().nullable(), intervalHours: z.number(), keep: z.number().int(), encrypted: z.boolean() }),
            lastSuccessAt: timestamp.nullable(),
            overdue: z.boolean().meta({ description: 'no good backup within the interval (the admin home warns)' }),
          })
          .meta({ id: 'BackupPage' }),
      },
    },
    errors: [401, 403, 422],
  }),
};
