/** The OpenAPI description of the records lifecycle: retention lists, holds, disposals, transfers, fixity, the scheme import. */
import { FINAL_DISPOSITIONS } from '../../domain/classification.ts';
import { DISPOSAL_STATUSES, TRANSFER_STATUSES } from '../../domain/records.ts';
import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };
const ids = { type: 'array', items: str, minItems: 1, maxItems: 10_000 };
const page = [q('page', { type: 'integer', minimum: 1 }), q('limit', { type: 'integer', minimum: 1, maximum: 100 })];
const list = (item: object) =>
  json({
    type: 'object',
    properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } },
  });
const id = idParam('id');
const obj = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  ...(required.length ? { required } : {}),
  properties,
});

export const recordsSchemas = {
  Hold: {
    type: 'object',
    properties: {
      id: str,
      name: str,
      reason: str,
      open: { type: 'boolean' },
      createdBy: str,
      createdAt: dateTime,
      releasedAt: { ...dateTime, type: ['string', 'null'] },
      releasedBy: nullableStr,
      releaseReason: nullableStr,
      items: { type: 'integer' },
      documentIds: { type: 'array', items: str },
    },
  },
  Disposal: {
    type: 'object',
    properties: {
      id: str,
      status: { type: 'string', enum: [...DISPOSAL_STATUSES] },
      reason: str,
      unitCode: str,
      proposedBy: str,
      proposedAt: dateTime,
      decidedBy: nullableStr,
      decidedAt: nullableStr,
      decisionNote: nullableStr,
      executedBy: nullableStr,
      executedAt: nullableStr,
      minutesDocumentId: { ...nullableStr, description: 'the sealed minutes (berita acara pemusnahan), a permanent document' },
      minutesNumber: nullableStr,
      items: {
        description: 'the count, or (one disposal) each record with its state',
        oneOf: [
          { type: 'integer' },
          {
            type: 'array',
            items: {
              type: 'object',
              properties: { documentId: str, state: { type: 'string', enum: ['pending', 'destroyed', 'skipped'] }, doneAt: nullableStr },
            },
          },
        ],
      },
    },
  },
  Transfer: {
    type: 'object',
    properties: {
      id: str,
      status: { type: 'string', enum: [...TRANSFER_STATUSES] },
      unitCode: str,
      recipient: str,
      createdBy: str,
      createdAt: dateTime,
      confirmedBy: nullableStr,
      confirmedAt: nullableStr,
      minutesDocumentId: nullableStr,
      minutesNumber: nullableStr,
      items: { type: 'integer' },
      documentIds: { type: 'array', items: str },
    },
  },
  FixityRun: {
    type: ['object', 'null'],
    properties: {
      id: str,
      at: dateTime,
      finishedAt: nullableStr,
      status: { type: 'string', enum: ['running', 'done'] },
      trigger: { type: 'string', enum: ['schedule', 'demand'] },
      total: { type: 'integer' },
      checked: { type: 'integer' },
      ok: { type: 'integer' },
      checkedBytes: { type: 'integer' },
      mismatched: { type: 'array', items: str },
      missing: { type: 'array', items: str },
    },
  },
};

const recordList = [q('unitCode'), q('finalDisposition', { type: 'string', enum: [...FINAL_DISPOSITIONS] }), ...page];

export const recordsPaths = {
  '/api/v1/records/due': {
    get: {
      summary: 'Records whose retention has ended and that no hold keeps (archivist, admin)',
      parameters: recordList,
      responses: { 200: { description: 'documents, oldest due first', ...list(ref('Document')) }, ...errors(401, 403, 422) },
    },
  },
  '/api/v1/records/unclassified': {
    get: {
      summary: 'Records without a (known) code, waiting to be classified (archivist, admin)',
      parameters: recordList,
      responses: { 200: { description: 'documents', ...list(ref('Document')) }, ...errors(401, 403, 422) },
    },
  },
  '/api/v1/records/summary': {
    get: {
      summary: 'Counts per unit, phase and final disposition (archivist, admin)',
      responses: {
        200: {
          description: 'counts',
          ...json({
            type: 'object',
            properties: {
              counts: {
                type: 'array',
                items: { type: 'object', properties: { unitCode: str, phase: str, finalDisposition: nullableStr, count: { type: 'integer' } } },
              },
            },
          }),
        },
        ...errors(401, 403),
      },
    },
  },
  '/api/v1/records/retention-pass': {
    post: { summary: 'Run the retention pass now (archivist, admin)', responses: { 202: { description: 'queued' }, ...errors(401, 403) } },
  },
  '/api/v1/holds': {
    get: {
      summary: 'Legal holds, open first (archivist, admin, auditor)',
      parameters: [q('open', { type: 'string', enum: ['true', 'false'] }), ...page],
      responses: { 200: { description: 'holds', ...list(ref('Hold')) }, ...errors(401, 403, 422) },
    },
    post: {
      summary: 'Place a legal hold on records (archivist, admin, auditor)',
      requestBody: json(obj({ name: str, reason: str, documentIds: ids }, ['name', 'reason', 'documentIds'])),
      responses: { 201: { description: 'the hold', ...json(ref('Hold')) }, ...errors(400, 401, 403, 413, 422) },
    },
  },
  '/api/v1/holds/{id}': {
    get: {
      summary: 'One hold with its records',
      parameters: [id],
      responses: { 200: { description: 'the hold', ...json(ref('Hold')) }, ...errors(401, 403, 404, 422) },
    },
  },
  '/api/v1/holds/{id}/release': {
    post: {
      summary: 'Release a hold with a reason',
      parameters: [id],
      requestBody: json(obj({ reason: str }, ['reason'])),
      responses: { 200: { description: 'released', ...json(ref('Hold')) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/disposals': {
    get: {
      summary: "Disposals of the caller's units (archivists, officials; admins and auditors all)",
      parameters: [q('status', { type: 'string', enum: [...DISPOSAL_STATUSES] }), ...page],
      responses: { 200: { description: 'disposals', ...list(ref('Disposal')) }, ...errors(401, 403, 422) },
    },
    post: {
      summary: 'Propose the disposal of due records whose schedule says destroy (archivist); 422 naming every record that is not',
      requestBody: json(obj({ documentIds: ids, reason: str }, ['documentIds', 'reason'])),
      responses: { 201: { description: 'proposed', ...json(ref('Disposal')) }, ...errors(400, 401, 403, 413, 422) },
    },
  },
  '/api/v1/disposals/{id}': {
    get: {
      summary: "One disposal with each record's state",
      parameters: [id],
      responses: { 200: { description: 'the disposal', ...json(ref('Disposal')) }, ...errors(401, 404, 422) },
    },
  },
  '/api/v1/disposals/{id}/approve': {
    post: {
      summary: 'Approve (an official of the unit or above, not the proposer)',
      parameters: [id],
      requestBody: json(obj({ note: str })),
      responses: { 200: { description: 'approved', ...json(ref('Disposal')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/disposals/{id}/reject': {
    post: {
      summary: 'Reject (an official of the unit or above, not the proposer)',
      parameters: [id],
      requestBody: json(obj({ note: str })),
      responses: { 200: { description: 'rejected', ...json(ref('Disposal')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/disposals/{id}/execute': {
    post: {
      summary:
        'Carry out an approved disposal (archivist): originals, text, index entries and stored copies destroyed, stubs kept, sealed minutes archived; resumes after a crash',
      parameters: [id],
      responses: {
        200: { description: 'executed', ...json(ref('Disposal')) },
        202: { description: 'still executing; it finishes by itself', ...json(ref('Disposal')) },
        ...errors(401, 403, 404, 409),
      },
    },
  },
  '/api/v1/transfers': {
    get: {
      summary: "Transfers of the caller's units",
      parameters: [q('status', { type: 'string', enum: [...TRANSFER_STATUSES] }), ...page],
      responses: { 200: { description: 'transfers', ...list(ref('Transfer')) }, ...errors(401, 403, 422) },
    },
    post: {
      summary: 'Prepare the transfer of due permanent records to an archive institution (archivist); the sealed minutes are written at once',
      requestBody: json(obj({ documentIds: ids, recipient: str }, ['documentIds'])),
      responses: { 201: { description: 'prepared', ...json(ref('Transfer')) }, ...errors(400, 401, 403, 413, 422) },
    },
  },
  '/api/v1/transfers/{id}': {
    get: {
      summary: 'One transfer with its records',
      parameters: [id],
      responses: { 200: { description: 'the transfer', ...json(ref('Transfer')) }, ...errors(401, 404, 422) },
    },
  },
  '/api/v1/transfers/{id}/package': {
    get: {
      summary: 'The package: a BagIt 1.0 bag in a ZIP (originals, a metadata file per record with its audit entries, the minutes, SHA-256 manifests), streamed',
      parameters: [id],
      responses: {
        200: { description: 'the bag', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
        ...errors(401, 404, 410, 422),
      },
    },
  },
  '/api/v1/transfers/{id}/confirm': {
    post: {
      summary: 'The institution has it: the records become transferred (originals kept or removed by TRANSFER_KEEP_ORIGINALS)',
      parameters: [id],
      responses: { 200: { description: 'confirmed', ...json(ref('Transfer')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/fixity': {
    get: {
      summary: 'The last fixity run (admin, auditor, archivist)',
      responses: { 200: { description: 'the run, or null before the first', ...json(ref('FixityRun')) }, ...errors(401, 403) },
    },
  },
  '/api/v1/fixity/run': {
    post: {
      summary: 'Re-hash every stored original now',
      responses: { 202: { description: 'the run started (or the one under way)', ...json(ref('FixityRun')) }, ...errors(401, 403) },
    },
  },
};
