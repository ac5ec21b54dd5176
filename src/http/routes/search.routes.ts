import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../app/documents/saved-searches.ts';
import { MAX_LIMIT, MAX_PAGE, MAX_QUERY_LENGTH, searchDocuments } from '../../app/documents/search-documents.ts';
import { DOCUMENT_KINDS } from '../../domain/document.ts';
import { RETENTION_PHASES } from '../../domain/retention.ts';
import { SEARCH_SORTS } from '../../domain/saved-search.ts';
import { code, isoDate, one, parse, plain } from '../validate.ts';

/** Query parameters; anything outside these bounds is a 422 rather than a silent clamp. */
const searchQuery = z.object({
  q: one(z.string().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`)).default(''),
  page: one(z.coerce.number().int().min(1).max(MAX_PAGE)).default(1),
  limit: one(z.coerce.number().int().min(1).max(MAX_LIMIT)).default(20),
  unitCode: one(code).optional(),
  classificationCode: one(code).optional(),
  kind: one(z.enum(DOCUMENT_KINDS)).optional(),
  retentionPhase: one(z.enum(RETENTION_PHASES)).optional(),
  from: one(isoDate).optional(),
  to: one(isoDate).optional(),
  exactTotal: one(z.enum(['true', 'false'])).optional(),
  sort: one(z.enum(SEARCH_SORTS)).optional(),
});

/** A saved search: a name, the words and the filters as GET /search takes them. */
const savedSearch = z.object({
  name: plain(z.string().trim().min(1, 'required').max(100, 'at most 100 characters')),
  query: plain(z.string().trim().max(MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`)).default(''),
  filters: z
    .object({
      unitCode: code.optional(),
      classificationCode: code.optional(),
      kind: z.enum(DOCUMENT_KINDS).optional(),
      retentionPhase: z.enum(RETENTION_PHASES).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      sort: z.enum(SEARCH_SORTS).optional(),
    })
    .strict()
    .default({}),
});

export const searchRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/search/saved', async (req, res) => {
    res.json(await listSavedSearches(deps, req.actor!));
  });
  r.post('/search/saved', async (req, res) => {
    const saved = await saveSearch(deps, req.actor!, parse(savedSearch, req.body ?? {}));
    res.status(201).json(saved);
  });
  r.delete('/search/saved/:id', async (req, res) => {
    await deleteSavedSearch(deps, req.actor!, parse(z.string().uuid('not a saved search id'), req.params.id));
    res.status(204).end();
  });
  r.get('/search', async (req, res) => {
    const p = parse(searchQuery, req.query);
    const filters = Object.fromEntries(
      Object.entries({
        unitCode: p.unitCode,
        classificationCode: p.classificationCode,
        kind: p.kind,
        retentionPhase: p.retentionPhase,
        from: p.from,
        to: p.to,
      }).filter(([, v]) => v !== undefined),
    );
    const out = await searchDocuments(deps, req.actor!, {
      q: p.q,
      page: p.page,
      limit: p.limit,
      filters,
      exactTotal: p.exactTotal === 'true',
      ...(p.sort ? { sort: p.sort } : {}),
    });
    res.json({
      items: out.items,
      total: out.total,
      totalEstimated: out.totalEstimated === true,
      page: out.page,
      limit: out.limit,
      facets: out.facets,
      tookMs: out.tookMs,
    });
  });
  return r;
};
