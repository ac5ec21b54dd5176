/** Search and saved searches: requests and responses, declared once (see documents.schemas.ts). */
import { z } from 'zod';
import { MAX_LIMIT, MAX_PAGE, MAX_QUERY_LENGTH } from '../../app/documents/search-documents.ts';
import { DOCUMENT_KINDS } from '../../domain/document.ts';
import { RETENTION_PHASES } from '../../domain/retention.ts';
import { SEARCH_SORTS } from '../../domain/saved-search.ts';
import { operation } from '../openapi/operation.ts';
import { code, isoDate, one, plain } from '../validate.ts';
import { day, timestamp } from './common.schemas.ts';

/** Query parameters; anything outside these bounds is a 422 rather than a silent clamp. */
export const searchQuery = z.object({
  q: one(z.string().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`)).default(''),
  page: one(z.coerce.number().int().min(1).max(MAX_PAGE)).default(1),
  limit: one(z.coerce.number().int().min(1).max(MAX_LIMIT)).default(20),
  unitCode: one(code).optional(),
  classificationCode: one(code).optional().meta({ description: 'the code or any refinement of it (800 finds 800.1.2)' }),
  kind: one(z.enum(DOCUMENT_KINDS)).optional(),
  retentionPhase: one(z.enum(RETENTION_PHASES)).optional(),
  from: one(isoDate).optional(),
  to: one(isoDate).optional(),
  exactTotal: one(z.enum(['true', 'false']))
    .optional()
    .meta({ description: 'count every match even where total and facets would be estimated' }),
  sort: one(z.enum(SEARCH_SORTS)).optional().meta({ description: 'relevance (default), or date: documentDate, else the day added, newest first' }),
});

/** The filters of a saved search, as GET /search takes them. */
const savedFilters = z
  .object({
    unitCode: code.optional(),
    classificationCode: code.optional(),
    kind: z.enum(DOCUMENT_KINDS).optional(),
    retentionPhase: z.enum(RETENTION_PHASES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    sort: z.enum(SEARCH_SORTS).optional(),
  })
  .strict();

/** A saved search: a name, the words and the filters as GET /search takes them. */
export const savedSearchInput = z.object({
  name: plain(z.string().trim().min(1, 'required').max(100, 'at most 100 characters')),
  query: plain(z.string().trim().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`)).default(''),
  filters: savedFilters.default({}),
});

export const savedSearchId = z.string().uuid('not a saved search id');

const savedSearch = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  // Stored filters are answered as saved (older rows may hold any string in kind or retentionPhase).
  filters: z.object({
    unitCode: z.string().optional(),
    classificationCode: z.string().optional(),
    kind: z.string().optional(),
    retentionPhase: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    sort: z.enum(SEARCH_SORTS).optional(),
  }),
  createdAt: timestamp,
});

const hitLetter = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('incoming'),
    id: z.string(),
    agendaNumber: z.number().int(),
    agendaYear: z.number().int(),
    unitCode: z.string(),
    status: z.string(),
  }),
  z.object({ type: z.literal('outgoing'), id: z.string(), status: z.string(), signed: z.boolean() }),
]);

const hit = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  highlights: z.array(z.string()).meta({ description: 'matching passages: HTML-escaped text, each match in <mark>…</mark>' }),
  score: z.number().optional(),
  letterNumber: z.string().nullable(),
  sender: z.string().nullable(),
  date: day.nullable().meta({ description: "the letter's date, else the document's, else the day it was added" }),
  page: z.number().int().nullable().meta({ description: 'the page of the first passage, found in the stored per-page text' }),
  letter: hitLetter.nullable().meta({ description: 'the letter the document belongs to: incoming (agenda) or outgoing (draft versions and signed PDF)' }),
  replies: z.array(z.object({ id: z.string(), subject: z.string(), letterNumber: z.string().nullable() })),
  collapsed: z.array(z.string()).meta({ description: 'other documents of the same outgoing letter on this page, folded into this result' }),
});

const counts = z.record(z.string(), z.number().int());

export const searchResultSchema = z
  .object({
    items: z.array(hit),
    total: z.number().int(),
    totalEstimated: z.boolean().meta({
      description: 'total and facets estimated from a sample (a query matching much of a large index); exactTotal=true counts them all',
    }),
    page: z.number().int(),
    limit: z.number().int(),
    facets: z.object({ unitCode: counts, classificationCode: counts, kind: counts, year: counts, retentionPhase: counts }),
    tookMs: z.number(),
  })
  .meta({ id: 'SearchResult' });

export const searchOps = {
  search: operation({
    method: 'get',
    path: '/api/v1/search',
    summary: 'Full-text search over the documents the caller may see',
    query: searchQuery,
    responses: { 200: { description: 'hits with highlighted passages (<mark>)', schema: searchResultSchema } },
    errors: [401, 422, 503],
  }),
  listSaved: operation({
    method: 'get',
    path: '/api/v1/search/saved',
    summary: "The caller's saved searches, by name",
    responses: { 200: { description: 'the list', schema: z.object({ items: z.array(savedSearch) }) } },
    errors: [401],
  }),
  save: operation({
    method: 'post',
    path: '/api/v1/search/saved',
    summary: 'Saves a search (name, query, filters with sort) to run again; audited',
    body: { 'application/json': savedSearchInput },
    responses: { 201: { description: 'saved', schema: savedSearch } },
    errors: [400, 401, 409, 422],
  }),
  deleteSaved: operation({
    method: 'delete',
    path: '/api/v1/search/saved/:id',
    summary: "Deletes one of the caller's saved searches; audited",
    params: z.object({ id: savedSearchId }),
    responses: { 204: { description: 'deleted' } },
    errors: [401, 404, 422],
  }),
};
