/** Disposals and transfers of records (issue 11): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { DISPOSAL_STATUSES, TRANSFER_STATUSES } from '../../domain/records.ts';
import { operation } from '../openapi/operation.ts';
import { one, paging, plain } from '../validate.ts';
import { pageOf, timestamp } from './common.schemas.ts';
import { actReason, byRecordActId, documentIds } from './records.schemas.ts';

export const disposalBody = z.object({ documentIds, reason: actReason }).strict();
export const decisionBody = z.object({ note: plain(z.string().trim().max(2000), { lines: true }).optional() }).strict();
export const disposalsQuery = z.object({ ...paging, status: one(z.enum(DISPOSAL_STATUSES)).optional() });

export const transferBody = z.object({ documentIds, recipient: plain(z.string().trim().min(2).max(300)).default('Lembaga Kearsipan Daerah') }).strict();
export const transfersQuery = z.object({ ...paging, status: one(z.enum(TRANSFER_STATUSES)).optional() });

const minutes = {
  minutesDocumentId: z.string().nullable().meta({ description: 'the sealed minutes (berita acara), a permanent document' }),
  minutesNumber: z.string().nullable(),
};

const disposalSchema = z
  .object({
    id: z.string(),
    status: z.enum(DISPOSAL_STATUSES),
    reason: z.string(),
    unitCode: z.string(),
    proposedBy: z.string(),
    proposedAt: timestamp,
    decidedBy: z.string().nullable(),
    decidedAt: timestamp.nullable(),
    decisionNote: z.string().nullable(),
    executedBy: z.string().nullable(),
    executedAt: timestamp.nullable(),
    ...minutes,
    items: z
      .union([
        z.number().int(),
        z.array(z.object({ documentId: z.string(), state: z.enum(['pending', 'destroyed', 'skipped']), doneAt: timestamp.nullable() })),
      ])
      .meta({ description: 'the count, or (one disposal) each record with its state' }),
  })
  .meta({ id: 'Disposal' });

const transferSchema = z
  .object({
    id: z.string(),
    status: z.enum(TRANSFER_STATUSES),
    unitCode: z.string(),
    recipient: z.string(),
    createdBy: z.string(),
    createdAt: timestamp,
    confirmedBy: z.string().nullable(),
    confirmedAt: timestamp.nullable(),
    ...minutes,
    items: z.number().int(),
    documentIds: z.array(z.string()).optional().meta({ description: 'one transfer: its records' }),
  })
  .meta({ id: 'Transfer' });

const disposal = (description: string) => ({ description, schema: disposalSchema });
const transfer = (description: string) => ({ description, schema: transferSchema });
/** Approving and rejecting take the same note and answer alike. */
const decide = (verb: 'approve' | 'reject', summary: string, done: string) =>
  operation({
    method: 'post',
    path: `/api/v1/disposals/:id/${verb}`,
    summary,
    params: byRecordActId,
    body: { 'application/json': decisionBody },
    responses: { 200: disposal(done) },
    errors: [401, 403, 404, 409, 422],
  });

export const recordActOps = {
  disposals: operation({
    method: 'get',
    path: '/api/v1/disposals',
    summary: "Disposals of the caller's units (archivists, officials; admins and auditors all)",
    query: disposalsQuery,
    responses: { 200: { description: 'disposals', schema: pageOf(disposalSchema) } },
    errors: [401, 403, 422],
  }),
  propose: operation({
    method: 'post',
    path: '/api/v1/disposals',
    summary: 'Propose the disposal of due records whose schedule says destroy (archivist); 422 naming every record that is not',
    body: { 'application/json': disposalBody },
    responses: { 201: disposal('proposed') },
    errors: [400, 401, 403, 413, 422],
  }),
  disposal: operation({
    method: 'get',
    path: '/api/v1/disposals/:id',
    summary: "One disposal with each record's state",
    params: byRecordActId,
    responses: { 200: disposal('the disposal') },
    errors: [401, 404, 422],
  }),
  approve: decide('approve', 'Approve (an official of the unit or above, not the proposer)', 'approved'),
  reject: decide('reject', 'Reject (an official of the unit or above, not the proposer)', 'rejected'),
  execute: operation({
    method: 'post',
    path: '/api/v1/disposals/:id/execute',
    summary:
      'Carry out an approved disposal (archivist): originals, text, index entries and stored copies destroyed, stubs kept, sealed minutes archived; resumes after a crash',
    params: byRecordActId,
    responses: { 200: disposal('executed'), 202: disposal('still executing; it finishes by itself') },
    errors: [401, 403, 404, 409],
  }),
  transfers: operation({
    method: 'get',
    path: '/api/v1/transfers',
    summary: "Transfers of the caller's units",
    query: transfersQuery,
    responses: { 200: { description: 'transfers', schema: pageOf(transferSchema) } },
    errors: [401, 403, 422],
  }),
  prepare: operation({
    method: 'post',
    path: '/api/v1/transfers',
    summary: 'Prepare the transfer of due permanent records to an archive institution (archivist); the sealed minutes are written at once',
    body: { 'application/json': transferBody },
    responses: { 201: transfer('prepared') },
    errors: [400, 401, 403, 413, 422],
  }),
  transfer: operation({
    method: 'get',
    path: '/api/v1/transfers/:id',
    summary: 'One transfer with its records',
    params: byRecordActId,
    responses: { 200: transfer('the transfer') },
    errors: [401, 404, 422],
  }),
  package: operation({
    method: 'get',
    path: '/api/v1/transfers/:id/package',
    summary: 'The package: a BagIt 1.0 bag in a ZIP (originals, a metadata file per record with its audit entries, the minutes, SHA-256 manifests), streamed',
    params: byRecordActId,
    responses: { 200: { description: 'the bag', type: 'application/zip' } },
    errors: [401, 404, 410, 422],
  }),
  confirm: operation({
    method: 'post',
    path: '/api/v1/transfers/:id/confirm',
    summary: 'The institution has it: the records become transferred (originals kept or removed by TRANSFER_KEEP_ORIGINALS)',
    params: byRecordActId,
    responses: { 200: transfer('confirmed') },
    errors: [401, 403, 404, 409, 422],
  }),
};
