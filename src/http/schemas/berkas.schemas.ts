/** Berkas, files per matter, and a letter's reply chain (issue 13): requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { BERKAS_ITEM_KINDS } from '../../domain/berkas.ts';
import { operation } from '../openapi/operation.ts';
import { one, plain } from '../validate.ts';
import { timestamp } from './common.schemas.ts';

export const berkasId = z.string().uuid('not a berkas id');
const itemKind = z.enum(BERKAS_ITEM_KINDS);
const itemId = z.string().uuid('not an id');

/** A document or letter put in (JSON), or taken out (the path's kind and itemId, read as these fields). */
export const berkasItem = z.object({ kind: itemKind, id: itemId }).strict();

export const berkasListQuery = z.object({
  q: one(plain(z.string().trim().max(100))).default(''),
  // The berkas holding one item (the letter and document pages): kind and itemId together.
  kind: one(itemKind).optional().meta({ description: 'with itemId: the berkas holding that item, each with its items' }),
  itemId: one(itemId).optional(),
});

export const chainQuery = z.object({ kind: one(z.enum(['incoming', 'outgoing'])), id: one(z.string().uuid('not a letter id')) });

export const newBerkas = z
  .object({ name: plain(z.string().trim().min(1).max(200)), description: plain(z.string().trim().min(1).max(2000), { lines: true }).optional() })
  .strict();

const summary = {
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  unitCode: z.string(),
  itemCount: z.number().int().optional().meta({ description: 'in the list' }),
  createdAt: timestamp,
  updatedAt: timestamp,
};
const berkasItems = z.array(z.object({ kind: itemKind, id: z.string(), title: z.string(), addedAt: timestamp, addedBy: z.string() })).meta({
  description: 'only the items the caller may read, oldest first',
});
const berkasSchema = z.object({ ...summary, items: berkasItems }).meta({ id: 'Berkas' });

const byId = z.object({ id: berkasId });
const one200 = { 200: { description: 'the berkas', schema: berkasSchema } };

export const berkasOps = {
  list: operation({
    method: 'get',
    path: '/api/v1/berkas',
    summary: "The berkas of the caller's unit and those below it, by name; with kind and itemId, those holding that item (each with its items)",
    query: berkasListQuery,
    responses: {
      200: { description: 'berkas', schema: z.object({ items: z.array(z.object({ ...summary, items: berkasItems.optional() })) }) },
    },
    errors: [401, 422],
  }),
  create: operation({
    method: 'post',
    path: '/api/v1/berkas',
    summary: "Open a berkas of the caller's unit (clerk, staff, official, archivist, admin; audited)",
    body: { 'application/json': newBerkas },
    responses: { 201: { description: 'the berkas', schema: berkasSchema } },
    errors: [400, 401, 403, 422],
  }),
  get: operation({
    method: 'get',
    path: '/api/v1/berkas/:id',
    summary: 'One berkas',
    params: byId,
    responses: one200,
    errors: [401, 404, 422],
  }),
  add: operation({
    method: 'post',
    path: '/api/v1/berkas/:id/items',
    summary: 'Put a document or letter the caller may read in the berkas (audited); 200 when it is there already',
    params: byId,
    body: { 'application/json': berkasItem },
    responses: { ...one200, 201: { description: 'the berkas, the item added', schema: berkasSchema } },
    errors: [400, 401, 403, 404, 422],
  }),
  remove: operation({
    method: 'delete',
    path: '/api/v1/berkas/:id/items/:kind/:itemId',
    summary: 'Take an item out of the berkas (audited)',
    params: z.object({ id: berkasId, kind: itemKind, itemId }),
    responses: one200,
    errors: [401, 403, 404, 422],
  }),
  thread: operation({
    method: 'get',
    path: '/api/v1/letters/thread',
    summary: "A letter's whole reply chain, both ways and across this office's units, oldest first: only letters the caller may read",
    query: chainQuery,
    responses: {
      200: {
        description: 'the chain, the letter asked for included',
        schema: z.object({
          items: z.array(
            z.object({
              kind: z.enum(['incoming', 'outgoing']),
              id: z.string(),
              letterNumber: z.string().nullable(),
              subject: z.string(),
              party: z.string().nullable().meta({ description: 'an incoming letter: its sender' }),
              unitCode: z.string(),
              at: timestamp.meta({ description: 'received, signed, or drafted' }),
            }),
          ),
        }),
      },
    },
    errors: [401, 404, 422],
  }),
};
