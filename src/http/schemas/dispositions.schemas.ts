/** Dispositions (routing an incoming letter): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { DISPOSITION_ACTIONS, INCOMING_STATUSES, URGENCIES } from '../../domain/correspondence.ts';
import { operation } from '../openapi/operation.ts';
import { code, one } from '../validate.ts';
import { binary, timestamp } from './common.schemas.ts';
import { letterId } from './incoming.schemas.ts';

const target = z.union([z.object({ userId: z.string().trim().min(1).max(64) }).strict(), z.object({ unitCode: code }).strict()], {
  error: 'either { "userId": "..." } or { "unitCode": "..." }',
});

/** POST /letters/incoming/:id/dispositions. Recipients' rules (reach, duplicates, self) live in domain. */
export const dispositionBody = z
  .object({
    to: z.array(target).max(50, 'at most 50 recipients at once'),
    instruction: z.string().trim().min(1, 'write an instruction').max(4000),
    actions: z
      .array(z.enum(DISPOSITION_ACTIONS))
      .max(DISPOSITION_ACTIONS.length)
      .refine((a) => new Set(a).size === a.length, { message: 'each action once', params: { code: 'duplicate' } })
      .default([]),
    dueAt: z.iso
      .datetime({ offset: true, error: 'a date and time with its offset, e.g. 2025-10-10T16:00:00+07:00' })
      .transform((s) => new Date(s))
      .nullable()
      .optional(),
    parentId: z.uuid('not a disposition id').optional(),
  })
  .strict();

/** POST /dispositions/:id/complete, as JSON or as the text fields of a multipart form. */
export const completeBody = z.object({ report: z.string().trim().min(1, 'write a report').max(10_000) }).strict();

/** GET /dispositions/inbox: Berjalan (open, the default) or Selesai (done). */
export const inboxQuery = z.object({ state: one(z.enum(['open', 'done'])).default('open') });

export const dispositionId = z.uuid('not a disposition id');

const person = z.object({ id: z.string(), name: z.string() });
const addressee = z
  .union([z.object({ user: person }), z.object({ unit: z.object({ code: z.string(), name: z.string() }) })])
  .meta({ description: '{ user: { id, name } } or { unit: { code, name } }' });

/** What a disposition shows of its letter; subject and sender are null for a holder not cleared for the letter's level. */
const letterSummary = z.object({
  id: z.string(),
  agendaNumber: z.number().int(),
  agendaYear: z.number().int(),
  unitCode: z.string(),
  letterNumber: z.string(),
  subject: z.string().nullable(),
  sender: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  status: z.enum(INCOMING_STATUSES),
});

const dispositionFields = {
  id: z.string(),
  letterId: z.string(),
  parentId: z.string().nullable(),
  from: person,
  to: addressee,
  instruction: z.string(),
  actions: z.array(z.enum(DISPOSITION_ACTIONS)),
  dueAt: timestamp.nullable(),
  status: z.enum(['open', 'completed', 'withdrawn']),
  read: z.boolean(),
  readAt: timestamp.nullable(),
  completedAt: timestamp.nullable(),
  completedBy: person.nullable(),
  report: z.string().nullable(),
  reportDocumentId: z.string().nullable(),
  createdAt: timestamp,
};

export const dispositionSchema = z
  .object({
    ...dispositionFields,
    via: z.enum(['personal', 'unit']).optional().meta({ description: 'in the inbox: how it reaches the caller' }),
    openChildren: z
      .array(z.object({ id: z.string(), to: addressee }))
      .optional()
      .meta({ description: 'on GET of an open one: forwarded dispositions still open, which block its completion' }),
    letter: letterSummary.optional(),
  })
  .meta({ id: 'Disposition' });

/** A disposition in a letter's routing tree, with those forwarded from it. */
type Node = z.output<z.ZodObject<typeof dispositionFields>> & { children: Node[] };
const dispositionNode: z.ZodType<Node> = z.object({ ...dispositionFields, children: z.array(z.lazy(() => dispositionNode)) }).meta({ id: 'DispositionNode' });

const treeSchema = z
  .object({
    letterId: z.string(),
    status: z.enum(INCOMING_STATUSES),
    items: z.array(dispositionNode),
    holders: z.array(z.object({ dispositionId: z.string(), holder: addressee, since: timestamp })),
  })
  .meta({ id: 'DispositionTree' });

const byId = z.object({ id: dispositionId });

export const dispositionOps = {
  create: operation({
    method: 'post',
    path: '/api/v1/letters/incoming/:id/dispositions',
    summary: 'Route the letter (an official, or the holder of one of its open dispositions forwarding it) to people or units below',
    params: z.object({ id: letterId }),
    body: { 'application/json': dispositionBody },
    responses: { 201: { description: 'one disposition per recipient', schema: z.object({ items: z.array(dispositionSchema) }) } },
    errors: [400, 401, 403, 404, 422],
  }),
  tree: operation({
    method: 'get',
    path: '/api/v1/letters/incoming/:id/dispositions',
    summary: 'The routing tree, with who holds the letter now and since when',
    params: z.object({ id: letterId }),
    responses: { 200: { description: 'the tree', schema: treeSchema } },
    errors: [401, 404],
  }),
  inbox: operation({
    method: 'get',
    path: '/api/v1/dispositions/inbox',
    summary: "The caller's open dispositions (to them or their unit), due first; or with state=done the latest completed. Each says `via`: personal or unit",
    query: inboxQuery,
    responses: { 200: { description: 'open dispositions', schema: z.object({ items: z.array(dispositionSchema), total: z.number().int() }) } },
    errors: [401],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/dispositions/:id',
    summary: 'One disposition; opening it as its holder marks it read',
    params: byId,
    responses: { 200: { description: 'the disposition', schema: dispositionSchema } },
    errors: [401, 404],
  }),
  complete: operation({
    method: 'post',
    path: '/api/v1/dispositions/:id/complete',
    summary: 'Complete a disposition you hold, with a report (JSON, or multipart with an optional file)',
    params: byId,
    body: { 'application/json': completeBody, 'multipart/form-data': completeBody.extend({ file: binary.optional() }) },
    responses: { 200: { description: 'completed', schema: dispositionSchema } },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  }),
  withdraw: operation({
    method: 'post',
    path: '/api/v1/dispositions/:id/withdraw',
    summary:
      'Withdraw a disposition you sent, while its recipient has not opened it yet (issue 13): it leaves their inbox, they are notified, audited as letter.disposition_withdraw. Read, forwarded, completed or withdrawn already: 409; not its sender: 403',
    params: byId,
    responses: { 200: { description: 'withdrawn (status "withdrawn")', schema: dispositionSchema } },
    errors: [401, 403, 404, 409, 422, 503],
  }),
};
