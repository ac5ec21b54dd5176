import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../app/documents/saved-searches.ts';
import { searchDocuments } from '../../app/documents/search-documents.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { savedSearchId, savedSearchInput, searchOps as ops, searchQuery } from '../schemas/search.schemas.ts';
import { parse } from '../validate.ts';

export const searchRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.listSaved), async (req, res) => {
    res.json(reply(ops.listSaved, 200, await listSavedSearches(deps, req.actor!)));
  });
  r.post(routePath(ops.save), async (req, res) => {
    const saved = await saveSearch(deps, req.actor!, parse(savedSearchInput, req.body ?? {}));
    res.status(201).json(reply(ops.save, 201, saved));
  });
  r.delete(routePath(ops.deleteSaved), async (req, res) => {
    await deleteSavedSearch(deps, req.actor!, parse(savedSearchId, req.params.id));
    res.status(204).end();
  });
  r.get(routePath(ops.search), async (req, res) => {
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
    res.json(
      reply(ops.search, 200, {
        items: out.items,
        total: out.total,
        totalEstimated: out.totalEstimated === true,
        page: out.page,
        limit: out.limit,
        facets: out.facets,
        tookMs: out.tookMs,
      }),
    );
  });
  return r;
};
