/** The audit trail: list, verify, export, checkpoints, a user's own activity; requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { operation } from '../openapi/operation.ts';
import { isoDate, one, paging } from '../validate.ts';
import { pageOf, timestamp, userId } from './common.schemas.ts';

const DATETIME_TAIL = /^T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (the whole day, UTC) or a date-time with its offset; `to` of a bare date means its last millisecond. */
const instant = (edge: 'start' | 'end') =>
  one(
    z.string().transform((s, ctx) => {
      const day = s.slice(0, 10);
      const ok = isoDate.safeParse(day).success && (s.length === 10 || DATETIME_TAIL.test(s.slice(10)));
      const d = !ok ? null : s.length === 10 ? new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`) : new Date(s);
      if (!d || Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: 'a date (YYYY-MM-DD) or a date-time with offset (YYYY-MM-DDTHH:MM:SSZ)', params: { code: 'not_a_date' } });
        return z.NEVER;
      }
      return d;
    }),
  );

const timeRange = {
  from: instant('start').optional().meta({ description: 'YYYY-MM-DD (UTC day) or a date-time with offset' }),
  to: instant('end').optional().meta({ description: 'YYYY-MM-DD (to the end of that UTC day) or a date-time with offset' }),
};
const ordered = <T extends { from?: Date | undefined; to?: Date | undefined }>(q: T) => !q.from || !q.to || q.from <= q.to;
const orderedMessage = { message: 'from must not be after to', path: ['to'], params: { code: 'before_start' } };

export const auditQuery = z
  .object({
    ...paging,
    ...timeRange,
    documentId: one(z.string().uuid('not a document id')).optional(),
    actorId: one(z.string().uuid('not a user id')).optional(),
    action: one(
      z
        .string()
        .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, 'an action such as document.upload')
        .max(64),
    ).optional(),
  })
  .refine(ordered, orderedMessage);
export const rangeQuery = z.object(timeRange).refine(ordered, orderedMessage);
export const claimQuery = z
  .object({
    seq: one(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).optional(),
    hash: one(z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex digits')).optional(),
  })
  .refine((q) => (q.seq === undefined) === (q.hash === undefined), { message: 'give seq and hash together', path: ['hash'], params: { code: 'required' } });
export const checkpointQuery = z.object(paging);

const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: timestamp,
    actorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
    prevHash: z.string(),
  })
  .meta({ id: 'AuditEntry', description: 'every hashed field, so a reader can recompute the chain' });

const chainPoint = { seq: z.number().int(), hash: z.string() };
const checkpointSchema = z.object({ ...chainPoint, at: timestamp }).meta({ id: 'AuditCheckpoint' });
const claimResult = z
  .object({ ...chainPoint, matches: z.boolean() })
  .meta({ description: 'the checkpoint kept outside (seq and hash asked), and whether the chain still has it' });
const verification = z
  .discriminatedUnion('intact', [
    z.object({ intact: z.literal(true), entries: z.number().int(), head: z.object(chainPoint), checkpoint: claimResult.optional() }),
    z.object({
      intact: z.literal(false),
      entries: z.number().int().meta({ description: 'how many entries passed' }),
      firstBrokenSeq: z.number().int(),
      seq: z.number().int().meta({ description: 'firstBrokenSeq again' }),
      reason: z.string(),
      checkpoint: claimResult.optional(),
    }),
  ])
  .meta({ id: 'AuditVerification' });

const ndjson = (description: string) => ({ description, type: 'application/x-ndjson', lines: auditEntrySchema });

export const auditOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/audit',
    summary: 'Audit entries in seq order (auditor, admin); entries about documents the caller may not see are neither returned nor counted',
    query: auditQuery,
    responses: { 200: { description: 'a page of entries', schema: pageOf(auditEntrySchema) } },
    errors: [401, 403, 422],
  }),
  verify: operation({
    method: 'get',
    path: '/api/v1/audit/verify',
    summary: 'Recompute the hash chain (and stored checkpoints); with seq and hash, also check a checkpoint kept outside',
    query: claimQuery,
    responses: { 200: { description: '{ intact: true, entries, head } or { intact: false, entries, firstBrokenSeq, reason }', schema: verification } },
    errors: [401, 403, 422],
  }),
  export: operation({
    method: 'get',
    path: '/api/v1/audit/export',
    summary: 'The visible entries as NDJSON (an attachment)',
    query: rangeQuery,
    responses: { 200: ndjson('one entry per line') },
    errors: [401, 403, 422],
  }),
  checkpoints: operation({
    method: 'get',
    path: '/api/v1/audit/checkpoints',
    summary: 'Checkpoints, newest first',
    query: checkpointQuery,
    responses: { 200: { description: 'a page of checkpoints', schema: pageOf(checkpointSchema) } },
    errors: [401, 403, 422],
  }),
  checkpoint: operation({
    method: 'post',
    path: '/api/v1/audit/checkpoints',
    summary: 'Record the chain head now',
    responses: { 201: { description: 'the checkpoint', schema: checkpointSchema } },
    errors: [401, 403],
  }),
  latest: operation({
    method: 'get',
    path: '/api/v1/audit/checkpoints/latest',
    summary: 'The newest checkpoint; Accept: text/plain gives a page to print and keep',
    responses: { 200: { description: 'the checkpoint', schema: checkpointSchema, type: 'text/plain' } },
    errors: [401, 403, 404],
  }),
  activity: operation({
    method: 'get',
    path: '/api/v1/users/:id/activity',
    summary: 'What one user did, as NDJSON (admin)',
    params: z.object({ id: userId }),
    query: rangeQuery,
    responses: { 200: ndjson('their entries') },
    errors: [401, 403, 404, 422],
  }),
};
