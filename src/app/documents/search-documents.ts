import type { Actor } from '../../domain/access.ts';
import type { SearchSort } from '../../domain/saved-search.ts';
import type { SearchFilters, SearchResult } from '../../ports/search-index.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from './read-documents.ts';
import { type DescribedHit, describeHits } from './search-results.ts';

export const MAX_LIMIT = 100;
export const MAX_PAGE = 1000;
export const MAX_QUERY_LENGTH = 500;

/**
 * Full-text search under the caller's read scope; the engine applies the scope, so hidden
 * documents are neither listed nor counted. Paging and query length are clamped. Each hit says
 * what it is (describeHits: letter, number, sender, date, page; one per outgoing letter).
 */
export const searchDocuments = async (
  deps: AppDeps,
  actor: Actor,
  input: { q: string; page: number; limit: number; filters: SearchFilters; exactTotal?: boolean; sort?: SearchSort },
): Promise<Omit<SearchResult, 'items'> & { items: DescribedHit[]; page: number; limit: number; tookMs: number }> => {
  const started = performance.now();
  const page = Math.min(Math.max(1, input.page), MAX_PAGE);
  const limit = Math.min(Math.max(1, input.limit), MAX_LIMIT);
  const scope = await scopeOf(deps, actor);
  const result = await deps.search.search({
    q: input.q.slice(0, MAX_QUERY_LENGTH),
    filters: input.filters,
    scope,
    page,
    limit,
    exactTotal: input.exactTotal === true,
    sort: input.sort ?? 'relevance',
  });
  const items = await describeHits(deps, actor, result.items);
  return { ...result, items, page, limit, tookMs: Math.round((performance.now() - started) * 10) / 10 };
};
