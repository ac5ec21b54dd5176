import { patchIncoming } from './openapi-corrections.ts';
import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const str = { type: 'string' };
const int = { type: 'integer' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const list = (item: object) => obj({ items: { type: 'array', items: item }, total: int, page: int, limit: int });
const URGENCY = { type: 'string', enum: ['biasa', 'penting', 'segera', 'sangat_segera'] };
const LEVEL = { type: 'string', enum: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] };
const ACTIONS = {
  type: 'array',
  items: { type: 'string', enum: ['untuk_diketahui', 'untuk_ditindaklanjuti', 'siapkan_jawaban', 'hadiri', 'koordinasikan', 'arsipkan'] },
};
const page = [q('page', { type: 'integer', minimum: 1 }), q('limit', { type: 'integer', minimum: 1, maximum: 100 })];

/** The incoming register, dispositions and the office figures. */
export const letterPaths = {
  '/api/v1/letters/incoming': {
    post: {
      summary:
        'Register an incoming letter (clerk, admin): stores the scan and gives the next agenda number of the unit and year; possible duplicates are flagged, not refused',
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: obj(
              {
                file: { type: 'string', format: 'binary' },
                letterNumber: str,
                letterDate: { type: 'string', format: 'date' },
                sender: str,
                subject: str,
                urgency: URGENCY,
                securityLevel: LEVEL,
                classificationCode: str,
                receivedAt: { type: 'string', format: 'date-time' },
                unitCode: str,
              },
              ['file', 'letterNumber', 'letterDate', 'sender', 'subject', 'urgency'],
            ),
          },
        },
      },
      responses: { 201: { description: 'registered', ...json(ref('IncomingLetter')) }, ...errors(400, 401, 403, 409, 413, 415, 422, 503) },
    },
    get: {
      summary: 'The register: letters whose document the caller may see, newest received first',
      parameters: [
        q('status', { type: 'string', enum: ['registered', 'disposed', 'completed'] }),
        q('urgency', URGENCY),
        q('unitCode'),
        q('sender'),
        q('q'),
        q('from', { type: 'string', format: 'date' }),
        q('to', { type: 'string', format: 'date' }),
        q('voided', { type: 'string', enum: ['true', 'false'] }),
        ...page,
      ],
      responses: { 200: { description: 'a page of letters', ...json(list(ref('IncomingLetter'))) }, ...errors(401, 422) },
    },
  },
  '/api/v1/letters/incoming/{id}': {
    get: {
      summary: 'One incoming letter',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the letter (ETag: its version)', ...json(ref('IncomingLetter')) }, ...errors(401, 404, 422) },
    },
    patch: patchIncoming,
  },
  '/api/v1/letters/incoming/{id}/dispositions': {
    post: {
      summary: 'Route the letter (an official, or the holder of one of its open dispositions forwarding it) to people or units below',
      parameters: [idParam('id')],
      requestBody: json(
        obj(
          {
            to: { type: 'array', items: obj({ userId: str, unitCode: str }) },
            instruction: str,
            actions: ACTIONS,
            dueAt: { type: ['string', 'null'], format: 'date-time' },
            parentId: str,
          },
          ['to', 'instruction'],
        ),
      ),
      responses: {
        201: { description: 'one disposition per recipient', ...json(obj({ items: { type: 'array', items: ref('Disposition') } })) },
        ...errors(400, 401, 403, 404, 422),
      },
    },
    get: {
      summary: 'The routing tree, with who holds the letter now and since when',
      parameters: [idParam('id')],
      responses: {
        200: {
          description: 'the tree',
          ...json(
            obj({
              letterId: str,
              status: str,
              items: { type: 'array', items: ref('Disposition') },
              holders: { type: 'array', items: obj({ dispositionId: str, holder: { type: 'object' }, since: str }) },
            }),
          ),
        },
        ...errors(401, 404),
      },
    },
  },
  '/api/v1/dispositions/inbox': {
    get: {
      summary: "The caller's open dispositions (to them or their unit), due first; or with state=done the latest completed. Each says `via`: personal or unit",
      parameters: [q('state', { type: 'string', enum: ['open', 'done'] })],
      responses: {
        200: { description: 'open dispositions', ...json(obj({ items: { type: 'array', items: ref('Disposition') }, total: int })) },
        ...errors(401),
      },
    },
  },
  '/api/v1/dispositions/{id}': {
    get: {
      summary: 'One disposition; opening it as its holder marks it read',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the disposition', ...json(ref('Disposition')) }, ...errors(401, 404) },
    },
  },
  '/api/v1/dispositions/{id}/complete': {
    post: {
      summary: 'Complete a disposition you hold, with a report (JSON, or multipart with an optional file)',
      parameters: [idParam('id')],
      requestBody: {
        content: {
          'application/json': { schema: obj({ report: str }, ['report']) },
          'multipart/form-data': { schema: obj({ report: str, file: { type: 'string', format: 'binary' } }, ['report']) },
        },
      },
      responses: { 200: { description: 'completed', ...json(ref('Disposition')) }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  },
  '/api/v1/dispositions/{id}/withdraw': {
    post: {
      summary:
        'Withdraw a disposition you sent, while its recipient has not opened it yet (issue 13): it leaves their inbox, they are notified, audited as letter.disposition_withdraw. Read, forwarded, completed or withdrawn already: 409; not its sender: 403',
      parameters: [idParam('id')],
      responses: { 200: { description: 'withdrawn (status "withdrawn")', ...json(ref('Disposition')) }, ...errors(401, 403, 404, 409, 422, 503) },
    },
  },
  '/api/v1/stats': {
    get: {
      summary:
        'Office figures (officials, admins, auditors): letters per month, median hours to first disposition and to completion, overdue dispositions per unit',
      parameters: [q('from', { type: 'string', pattern: '^\\d{4}-\\d{2}$' }), q('to', { type: 'string', pattern: '^\\d{4}-\\d{2}$' })],
      responses: {
        200: {
          description: 'the figures over the letters the caller may see',
          ...json(
            obj({
              from: str,
              to: str,
              timeZone: str,
              months: { type: 'array', items: obj({ month: str, incoming: int, outgoingDrafted: int, outgoingSigned: int }) },
              toFirstDisposition: obj({ medianHours: { type: ['number', 'null'] }, letters: int }),
              toCompletion: obj({ medianHours: { type: ['number', 'null'] }, letters: int }),
              overdueByUnit: { type: 'array', items: obj({ unitCode: str, overdue: int }) },
            }),
          ),
        },
        ...errors(401, 403, 422),
      },
    },
  },
};

export const letterSchemas = {
  IncomingLetter: obj({
    id: str,
    sourceOutgoingId: { type: ['string', 'null'], description: 'internal delivery: the signed outgoing letter this entry is' },
    deliveryKind: { type: ['string', 'null'], enum: ['addressee', 'copy', null] },
    forInformation: { type: 'boolean', description: 'a copy (tembusan), for information' },
    unread: { type: 'boolean', description: 'in the register list: the caller has not opened it yet (opening it marks it read)' },
    replies: {
      type: 'array',
      description: 'on one letter: the drafts and letters answering it',
      items: obj({ id: str, type: str, subject: str, status: str, letterNumber: { type: ['string', 'null'] } }),
    },
    agendaNumber: int,
    agendaYear: int,
    unitCode: str,
    documentId: str,
    letterNumber: str,
    letterDate: str,
    sender: str,
    subject: str,
    urgency: URGENCY,
    securityLevel: LEVEL,
    classificationCode: { type: ['string', 'null'] },
    receivedAt: str,
    status: str,
    registeredBy: str,
    version: { type: 'integer', description: 'one more per correction; also the ETag' },
    voided: { type: ['object', 'null'], description: 'a void entry: the number stays, marked', properties: { at: str, by: str, reason: str } },
    possibleDuplicates: {
      type: 'array',
      items: obj({ id: str, agendaNumber: int, agendaYear: int, unitCode: str, reason: { type: 'string', enum: ['same-number', 'same-file'] } }),
    },
    createdAt: str,
    updatedAt: str,
  }),
  Disposition: obj({
    id: str,
    letterId: str,
    parentId: { type: ['string', 'null'] },
    from: obj({ id: str, name: str }),
    to: { type: 'object', description: '{ user: { id, name } } or { unit: { code, name } }' },
    via: { type: 'string', enum: ['personal', 'unit'], description: 'in the inbox: how it reaches the caller' },
    openChildren: {
      type: 'array',
      items: obj({ id: str, to: { type: 'object' } }),
      description: 'on GET of an open one: forwarded dispositions still open, which block its completion',
    },
    instruction: str,
    actions: ACTIONS,
    dueAt: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['open', 'completed', 'withdrawn'] },
    read: { type: 'boolean' },
    readAt: { type: ['string', 'null'] },
    completedAt: { type: ['string', 'null'] },
    report: { type: ['string', 'null'] },
    reportDocumentId: { type: ['string', 'null'] },
    createdAt: str,
    children: { type: 'array', items: { type: 'object' } },
  }),
};
