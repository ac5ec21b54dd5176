/** How search results are ordered: the engine's relevance, or the document's date, newest first. */
export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The filters a saved search keeps, as GET /search takes them (all optional). */
export interface SavedSearchFilters {
  unitCode?: string;
  classificationCode?: string;
  kind?: string;
  retentionPhase?: string;
  from?: string;
  to?: string;
  sort?: SearchSort;
}

/** A search a user named to run again (issue 18): theirs alone. */
export interface SavedSearchRecord {
  id: string;
  userId: string;
  name: string;
  query: string;
  filters: SavedSearchFilters;
  createdAt: Date;
}

/** How many searches one user may keep: a list to choose from, not an archive. */
export const MAX_SAVED_SEARCHES = 50;
