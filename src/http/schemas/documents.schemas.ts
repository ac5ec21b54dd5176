/**
 * The documents resource: what its routes parse (requests) and what they answer (responses),
 * declared once; the OpenAPI document and the response check in tests are generated from these.
 */
import { z } from 'zod';
import { FINAL_DISPOSITIONS } from '../../domain/classification.ts';
import { ACCEPTED_MIME_TYPES, DOCUMENT_KINDS } from '../../domain/document.ts';
import { FAILURE_KINDS } from '../../domain/failure-kinds.ts';
import { RETENTION_PHASES } from '../../domain/retention.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { operation, type Reply } from '../openapi/operation.ts';
import { code, isoDate } from '../validate.ts';
import { binary, day, timestamp } from './common.schemas.ts';

const tags = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(50)).max(20))
  .meta({ description: 'comma separated' });

/** The metadata fields of an upload form (multipart fields are strings). */
export const documentFields = z.object({
  title: z.string().trim().max(500).optional(),
  classificationCode: code.optional(),
  securityLevel: z.enum(SECURITY_LEVELS).optional(),
  unitCode: code.optional(),
  documentDate: isoDate.optional(),
  tags: tags.optional(),
  letterNumber: z.string().trim().max(100).optional(),
  sender: z.string().trim().max(300).optional(),
  paperLocation: z.string().trim().max(200).optional().meta({ description: 'where the paper original is kept (lokasi arsip fisik)' }),
  /** An old scheme's code for bulk imports of old archives: kept as metadata, the record stays unclassified. */
  legacyCode: z.string().trim().min(1).max(64).optional(),
});

/** The JSON body of an edit: the same fields, tags as an array, a reason, nothing else. */
export const documentChanges = documentFields
  .omit({ legacyCode: true })
  .extend({
    title: z.string().trim().min(1).max(500).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
    paperLocation: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .transform((s) => s || null)
      .optional()
      .meta({ description: 'where the paper original is kept; empty or null clears it' }),
    reason: z.string().trim().min(1).max(1000).optional().meta({ description: 'why it is corrected' }),
  })
  .strict();

export const documentId = z.string().uuid('not a document id');

export const pageNumber = z
  .string()
  .regex(/^\d{1,6}$/, 'a page number (1, 2, …)')
  .transform(Number)
  .pipe(z.number().min(1, 'pages count from 1'));
const byId = z.object({ id: documentId });

const dated = (what: string) => z.object({ id: z.string(), [what]: timestamp.nullable() });

export const retentionSchema = z
  .object({
    classificationCode: z.string().nullable(),
    recordDate: day.nullable(),
    activeUntil: day.nullable(),
    inactiveUntil: day.nullable(),
    finalDisposition: z.enum(FINAL_DISPOSITIONS).nullable(),
    phase: z.enum(RETENTION_PHASES).nullable(),
    holds: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .optional()
      .meta({ description: 'open legal holds (on GET /documents/{id})' }),
    disposal: dated('disposedAt').optional(),
    transfer: dated('transferredAt').optional(),
  })
  .meta({
    id: 'Retention',
    description: 'Periods count in whole years from recordDate (the letter date, the document date, else the day it was archived)',
  });

export const documentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    status: z.enum(['processing', 'ready', 'failed']),
    error: z.string().optional().meta({ description: 'why processing failed, in English for operators' }),
    errorCode: z.enum(FAILURE_KINDS).optional().meta({ description: 'the kind of error (src/domain/failure-kinds.ts)' }),
    sha256: z.string(),
    size: z.number().int(),
    mimeType: z.enum(ACCEPTED_MIME_TYPES),
    pages: z.number().int().nullable(),
    textSource: z.enum(['pdf-text', 'ocr', 'none']).nullable(),
    originalName: z.string().nullable(),
    classificationCode: z.string().nullable(),
    legacyCode: z.string().nullable(),
    securityLevel: z.enum(SECURITY_LEVELS),
    unitCode: z.string(),
    documentDate: day.nullable(),
    tags: z.array(z.string()),
    letterNumber: z.string().nullable(),
    sender: z.string().nullable(),
    paperLocation: z.string().nullable(),
    batchId: z.string().nullable(),
    createdBy: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: z.number().int().meta({ description: 'the description’s version (the ETag): 1 when archived, one more with each edit' }),
    retention: retentionSchema,
    disposal: dated('disposedAt').optional().meta({ description: 'a destroyed record: the disposal that destroyed it' }),
    duplicate: z.boolean().optional().meta({ description: 'on an upload: the same bytes were archived before (this is that document)' }),
  })
  .meta({ id: 'Document' });

const BATCH_FILE_STATES = ['queued', 'processing', 'ready', 'failed', 'rejected'] as const;

const batchSchema = z
  .object({
    batchId: z.string(),
    createdAt: timestamp,
    total: z.number().int(),
    done: z.number().int(),
    progress: z.number().meta({ description: 'done / total, 0 to 1' }),
    counts: z.object(Object.fromEntries(BATCH_FILE_STATES.map((s) => [s, z.number().int()])) as Record<(typeof BATCH_FILE_STATES)[number], z.ZodNumber>),
    files: z.array(
      z.object({
        seq: z.number().int(),
        filename: z.string(),
        status: z.enum(BATCH_FILE_STATES),
        duplicate: z.boolean(),
        documentId: z.string().nullable(),
        error: z.string().nullable(),
        errorCode: z.enum(FAILURE_KINDS).nullable(),
      }),
    ),
  })
  .meta({ id: 'Batch' });

/** A field's value as the description had it (the fields of documentChanges). */
export const fieldValues = z.record(z.string(), z.unknown());

/** One correction of a record's description: version, who, when, why, each changed field before and after (documents and incoming letters alike). */
export const correctionSchema = z.object({
  version: z.number().int().nullable(),
  at: timestamp,
  actorId: z.string().nullable(),
  reason: z.string().nullable(),
  changed: z.array(z.string()),
  before: fieldValues,
  after: fieldValues,
});

const correctionsSchema = z
  .object({
    version: z.number().int(),
    original: fieldValues.meta({ description: 'the description as first registered' }),
    corrections: z.array(correctionSchema),
  })
  .meta({ id: 'DocumentCorrections' });

const textSchema = z
  .object({
    text: z.string(),
    pages: z.array(
      z.object({
        page: z.number().int(),
        text: z.string(),
        confidence: z.number().optional().meta({ description: '0–100 as the OCR engine reports it; absent for a PDF text layer' }),
        source: z.enum(['pdf-text', 'ocr']),
      }),
    ),
  })
  .meta({ id: 'DocumentText' });

const uploadForm = (many: boolean) => documentFields.extend({ file: binary.meta({ description: many ? 'many file parts, or one ZIP' : 'one file' }) });

/** A file the server keeps for a document (the original, or one the worker derived from it). */
const read = (name: string, summary: string, bytes: Reply) =>
  operation({ method: 'get', path: `/api/v1/documents/:id/${name}`, summary, params: byId, responses: { 200: bytes }, errors: [401, 404, 410, 503] });

export const documentOps = {
  upload: operation({
    method: 'post',
    path: '/api/v1/documents',
    summary: 'Archive one file (PDF, JPEG, PNG, TIFF)',
    body: { 'multipart/form-data': uploadForm(false) },
    responses: {
      201: { description: 'stored; text extraction follows', schema: documentSchema },
      200: { description: 'the same bytes exist: that document, with duplicate: true', schema: documentSchema },
    },
    errors: [400, 401, 403, 413, 415, 422, 503],
  }),
  importBatch: operation({
    method: 'post',
    path: '/api/v1/documents/batch',
    summary: 'Bulk import: many file parts, or one ZIP',
    body: { 'multipart/form-data': uploadForm(true) },
    responses: {
      202: {
        description: 'accepted',
        schema: z.object({ batchId: z.string(), files: z.number().int(), rejected: z.number().int() }),
      },
    },
    errors: [400, 401, 403, 413, 415, 422, 503],
  }),
  batch: operation({
    method: 'get',
    path: '/api/v1/documents/batch/:batchId',
    summary: 'Progress and per-file status of a bulk import',
    params: z.object({ batchId: documentId }),
    responses: { 200: { description: 'per-file status', schema: batchSchema } },
    errors: [401, 404],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/documents/:id',
    summary: 'Metadata, with its version as the ETag',
    params: byId,
    responses: { 200: { description: 'metadata', schema: documentSchema } },
    errors: [401, 404],
  }),
  edit: operation({
    method: 'patch',
    path: '/api/v1/documents/:id',
    summary:
      'Correct the description (clerk or admin of the unit): versioned, audited with the values before and after, re-indexed. If-Match names the version read (412 when it is no longer current); what a signature covers on a signed letter or minutes cannot change (409)',
    params: byId,
    headers: z.object({ 'If-Match': z.string().optional().meta({ example: '"3"' }) }),
    body: { 'application/json': documentChanges },
    responses: { 200: { description: 'the document as now described (new ETag)', schema: documentSchema } },
    errors: [400, 401, 403, 404, 409, 410, 412, 422],
  }),
  corrections: operation({
    method: 'get',
    path: '/api/v1/documents/:id/corrections',
    summary: 'Every correction (version, who, when, why, values before and after) and the description as first registered',
    params: byId,
    responses: { 200: { description: 'corrections', schema: correctionsSchema } },
    errors: [401, 404],
  }),
  content: read('content', 'The original bytes, as an attachment', { description: 'the original', type: 'application/octet-stream' }),
  text: operation({
    method: 'get',
    path: '/api/v1/documents/:id/text',
    summary: 'Extracted text per page',
    params: byId,
    responses: { 200: { description: 'text', schema: textSchema } },
    errors: [401, 404, 410],
  }),
  searchable: read(
    'searchable',
    "A scanned document's searchable PDF (page images with an invisible text layer), kept beside the original; a PDF whose every page has its own text answers its original (header X-Naskah-Searchable: original)",
    { description: 'the searchable PDF, as an attachment', type: 'application/pdf' },
  ),
  thumbnail: read('thumbnail', 'A small JPEG of the first page (240 px wide), once the worker made it', { description: 'image/jpeg', type: 'image/jpeg' }),
  pageImage: operation({
    method: 'get',
    path: '/api/v1/documents/:id/pages/:n/image',
    summary: 'Page n (from 1) as a JPEG up to 1000 px wide, upright, for paging through any document in the browser',
    params: z.object({ id: documentId, n: pageNumber }),
    responses: { 200: { description: 'image/jpeg', type: 'image/jpeg' } },
    errors: [401, 404, 410, 422, 503],
  }),
};
