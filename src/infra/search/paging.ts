/**
 * Paging as the engines accept it, whatever a caller passes: the http layer clamps too, but an
 * adapter must never throw on NaN, negative or astronomically large values.
 */

/** Largest page size an engine is asked for. */
export const MAX_LIMIT = 100;
/** Hits beyond this position are not served (Meilisearch's maxTotalHits works the same way). */
export const MAX_HITS = 10_000;
const DEFAULT_LIMIT = 20;

/**
 * `limit` in 1..MAX_LIMIT and the offset of `page`; offset is null when the page lies wholly
 * beyond MAX_HITS, so callers skip fetching hits but still report the total and facets.
 */
export const clampPaging = (page: unknown, limit: unknown): { limit: number; offset: number | null } => {
  const l = typeof limit === 'number' && Number.isFinite(limit) ? Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit))) : DEFAULT_LIMIT;
  const p = typeof page === 'number' && Number.isFinite(page) ? Math.max(1, Math.floor(page)) : 1;
  const offset = (p - 1) * l;
  return { limit: l, offset: offset >= MAX_HITS ? null : offset };
};
