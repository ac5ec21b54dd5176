import { errors, idParam, json, q } from './openapi-parts.ts';

const str = { type: 'string' };
const kind = { type: 'string', enum: ['document', 'incoming', 'outgoing'] };
const summary = {
  id: str,
  name: str,
  description: { type: 'string', nullable: true },
  unitCode: str,
  itemCount: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
};
const berkas = {
  type: 'object',
  properties: {
    ...summary,
    items: {
      type: 'array',
      description: 'only the items the caller may read, oldest first',
      items: { type: 'object', properties: { kind, id: str, title: str, addedAt: { type: 'string', format: 'date-time' }, addedBy: str } },
    },
  },
};
const one = { description: 'the berkas', ...json(berkas) };
const item = { type: 'object', required: ['kind', 'id'], properties: { kind, id: str } };

/** Berkas: files per matter grouping documents and letters (issue 13). */
export const berkasPaths = {
  '/api/v1/berkas': {
    get: {
      summary: "The berkas of the caller's unit and those below it, by name; with kind and itemId, those holding that item (each with its items)",
      parameters: [q('q'), q('kind', kind), q('itemId')],
      responses: { 200: { description: 'berkas', ...json({ type: 'object', properties: { items: { type: 'array', items: berkas } } }) }, ...errors(401, 422) },
    },
    post: {
      summary: "Open a berkas of the caller's unit (clerk, staff, official, archivist, admin; audited)",
      requestBody: json({ type: 'object', required: ['name'], properties: { name: str, description: str } }),
      responses: { 201: one, ...errors(400, 401, 403, 422) },
    },
  },
  '/api/v1/berkas/{id}': { get: { summary: 'One berkas', parameters: [idParam('id')], responses: { 200: one, ...errors(401, 404, 422) } } },
  '/api/v1/berkas/{id}/items': {
    post: {
      summary: 'Put a document or letter the caller may read in the berkas (audited); 200 when it is there already',
      parameters: [idParam('id')],
      requestBody: json(item),
      responses: { 200: one, 201: one, ...errors(400, 401, 403, 404, 422) },
    },
  },
  '/api/v1/berkas/{id}/items/{kind}/{itemId}': {
    delete: {
      summary: 'Take an item out of the berkas (audited)',
      parameters: [idParam('id'), idParam('kind'), idParam('itemId')],
      responses: { 200: one, ...errors(401, 403, 404, 422) },
    },
  },
  '/api/v1/letters/thread': {
    get: {
      summary: "A letter's whole reply chain, both ways and across this office's units, oldest first: only letters the caller may read",
      parameters: [
        { ...q('kind', { type: 'string', enum: ['incoming', 'outgoing'] }), required: true },
        { ...q('id'), required: true },
      ],
      responses: {
        200: {
          description: 'the chain, the letter asked for included',
          ...json({
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    kind: { type: 'string', enum: ['incoming', 'outgoing'] },
                    id: str,
                    letterNumber: { type: 'string', nullable: true },
                    subject: str,
                    party: { type: 'string', nullable: true, description: 'an incoming letter: its sender' },
                    unitCode: str,
                    at: { type: 'string', format: 'date-time', description: 'received, signed, or drafted' },
                  },
                },
              },
            },
          }),
        },
        ...errors(401, 404, 422),
      },
    },
  },
};
