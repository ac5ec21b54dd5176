/**
 * The records lifecycle (issue 11): retention lists, legal holds and fixity; disposals and
 * transfers are in record-acts.schemas.ts. Requests and responses, declared once (see
 * documents.schemas.ts).
 */
import { z } from 'zod';
import { MAX_RECORDS_PER_ACT } from '../../app/records/record-access.ts';
import { FINAL_DISPOSITIONS } from '../../domain/classification.ts';
import { RETENTION_PHASES } from '../../domain/retention.ts';
import { operation } from '../openapi/operation.ts';
import { code, one, paging, plain } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';
import { documentSchema } from './documents.schemas.ts';

/** The id of a hold, disposal or transfer. */
export const recordActId = z.string().uuid('not an id');
export const byRecordActId = z.object({ id: recordActId });
export const documentIds = z.array(z.string().uuid('not a document id')).min(1, 'name at least one record').max(MAX_RECORDS_PER_ACT);
export const actReason = plain(z.string().trim().min(3, 'say why (at least 3 characters)').max(2000), { lines: true });

export const recordListQuery = z.object({ ...paging, unitCode: one(code).optional(), finalDisposition: one(z.enum(FINAL_DISPOSITIONS)).optional() });

export const holdBody = z.object({ name: plain(z.string().trim().min(1).max(200)), reason: actReason, documentIds }).strict();
export const releaseBody = z.object({ reason: actReason }).strict();
export const holdsQuery = z.object({ ...paging, open: one(z.enum(['true', 'false'])).optional() });

const holdSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: timestamp,
    open: z.boolean(),
    releasedAt: timestamp.nullable(),
    releasedBy: z.string().nullable(),
    releaseReason: z.string().nullable(),
    items: z.number().int().optional().meta({ description: 'how many records it holds' }),
    documentIds: z.array(z.string()).optional().meta({ description: 'one hold: the records it holds' }),
  })
  .meta({ id: 'Hold' });

const fixityRunSchema = z
  .object({
    id: z.string(),
    at: timestamp,
    finishedAt: timestamp.nullable(),
    status: z.enum(['running', 'done']),
    trigger: z.enum(['schedule', 'demand']),
    total: z.number().int(),
    checked: z.number().int(),
    ok: z.number().int(),
    checkedBytes: z.number().int(),
    mismatched: z.array(z.string()),
    missing: z.array(z.string()),
  })
  .meta({ id: 'FixityRun' });

const documentList = pageOf(documentSchema);
const theHold = (description: string) => ({ description, schema: holdSchema });

export const recordOps = {
  due: operation({
    method: 'get',
    path: '/api/v1/records/due',
    summary: 'Records whose retention has ended and that no hold keeps (archivist, admin)',
    query: recordListQuery,
    responses: { 200: { description: 'documents, oldest due first', schema: documentList } },
    errors: [401, 403, 422],
  }),
  unclassified: operation({
    method: 'get',
    path: '/api/v1/records/unclassified',
    summary: 'Records without a (known) code, waiting to be classified (archivist, admin)',
    query: recordListQuery,
    responses: { 200: { description: 'documents', schema: documentList } },
    errors: [401, 403, 422],
  }),
  summary: operation({
    method: 'get',
    path: '/api/v1/records/summary',
    summary: 'Counts per unit, phase and final disposition (archivist, admin)',
    responses: {
      200: {
        description: 'counts',
        schema: z.object({
          counts: z.array(
            z
              .object({
                unitCode: z.string(),
                phase: z.enum(RETENTION_PHASES),
                finalDisposition: z.enum(FINAL_DISPOSITIONS).nullable(),
                count: z.number().int(),
              })
              .meta({ id: 'RetentionCount' }),
          ),
        }),
      },
    },
    errors: [401, 403],
  }),
  retentionPass: operation({
    method: 'post',
    path: '/api/v1/records/retention-pass',
    summary: 'Run the retention pass now (archivist, admin)',
    responses: { 202: { description: 'queued', schema: z.object({ status: z.literal('queued') }) } },
    errors: [401, 403],
  }),
  holds: operation({
    method: 'get',
    path: '/api/v1/holds',
    summary: 'Legal holds, open first (archivist, admin, auditor)',
    query: holdsQuery,
    responses: { 200: { description: 'holds', schema: pageOf(holdSchema) } },
    errors: [401, 403, 422],
  }),
  hold: operation({
    method: 'post',
    path: '/api/v1/holds',
    summary: 'Place a legal hold on records (archivist, admin, auditor)',
    body: { 'application/json': holdBody },
    responses: { 201: theHold('the hold') },
    errors: [400, 401, 403, 413, 422],
  }),
  getHold: operation({
    method: 'get',
    path: '/api/v1/holds/:id',
    summary: 'One hold with its records',
    params: byRecordActId,
    responses: { 200: theHold('the hold') },
    errors: [401, 403, 404, 422],
  }),
  release: operation({
    method: 'post',
    path: '/api/v1/holds/:id/release',
    summary: 'Release a hold with a reason',
    params: byRecordActId,
    body: { 'application/json': releaseBody },
    responses: { 200: theHold('released') },
    errors: [400, 401, 403, 404, 409, 422],
  }),
  fixity: operation({
    method: 'get',
    path: '/api/v1/fixity',
    summary: 'The last fixity run (admin, auditor, archivist)',
    responses: { 200: { description: 'the run, or null before the first', schema: fixityRunSchema.nullable() } },
    errors: [401, 403],
  }),
  runFixity: operation({
    method: 'post',
    path: '/api/v1/fixity/run',
    summary: 'Re-hash every stored original now',
    responses: { 202: { description: 'the run started (or the one under way)', schema: fixityRunSchema.nullable() } },
    errors: [401, 403],
  }),
};
