/** The background jobs screen (admin): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { operation } from '../openapi/operation.ts';
import { one, paging } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';

const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

export const jobsQuery = z.object({ ...paging, state: one(z.enum(JOB_STATES)).default('failed') });
export const jobId = z.string().uuid('not a job id');

const jobSchema = z
  .object({
    id: z.string(),
    type: z.string().meta({
      description:
        'one of the job types of src/domain/job-types.ts: ingest-batch, extract-text, index-document, index-documents, apply-scheme, retention-pass, execute-disposal, fixity-run, send-email',
    }),
    state: z.enum(JOB_STATES),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable().meta({ description: 'in English, for operators' }),
    lastErrorCode: z.enum(FAILURE_KINDS).nullable().meta({ description: 'the kind of lastError, for clients to say in their language' }),
    runAt: timestamp,
    createdAt: timestamp,
    updatedAt: timestamp,
    retryable: z.boolean(),
    subject: z
      .object({
        kind: z.enum(['document', 'batch', 'email']).meta({ description: 'email: the id is the notification whose email the job sends' }),
        id: z.string(),
        title: z.string().nullable().optional().meta({ description: 'a document: its title, only when the caller may read it' }),
        exists: z.boolean().optional().meta({ description: 'a document: whether it is still there' }),
      })
      .nullable()
      .optional()
      .meta({ description: 'what the job works on (in the list)' }),
  })
  .meta({ id: 'Job' });

export const jobOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/jobs',
    summary: 'Background jobs of one state, newest change first, with counts per state (admin)',
    query: jobsQuery,
    responses: {
      200: {
        description: 'jobs',
        schema: pageOf(jobSchema)
          .extend({ counts: z.record(z.string(), z.number().int()).meta({ description: 'jobs per state' }) })
          .meta({ id: 'JobPage' }),
      },
    },
    errors: [401, 403, 422],
  }),
  retry: operation({
    method: 'post',
    path: '/api/v1/jobs/:id/retry',
    summary: 'Queue a failed job again with fresh attempts (admin); its document goes back to processing',
    params: z.object({ id: jobId }),
    responses: { 200: { description: 'the job as now', schema: jobSchema } },
    errors: [401, 403, 404, 409, 422],
  }),
};
