import type { DocumentKind } from '../domain/document.ts';
import type { RetentionPhase } from '../domain/retention.ts';
import type { SearchSort } from '../domain/saved-search.ts';
import type { SecurityLevel } from '../domain/security-level.ts';

/** What the index holds for one document. Rebuildable at any time from database + stored text. */
export interface SearchDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  /** The extracted text, pages joined with a blank line. */
  text: string;
  letterNumber: string | null;
  sender: string | null;
  tags: string[];
  classificationCode: string | null;
  unitCode: string;
  securityLevel: SecurityLevel;
  /** YYYY-MM-DD, or null; filters and the `year` facet use it, falling back to createdAt. */
  documentDate: string | null;
  createdAt: string; // ISO 8601
  /** User ids given read access outside the unit rule (dispositions, review steps). */
  readers: string[];
  /** Where the record stands in its retention (filter and facet); null before the first retention pass. */
  retentionPhase: RetentionPhase | null;
}

/**
 * Who is asking, reduced to what the engine filters on. A document is visible iff
 *   (allUnits || unitCode ∈ unitCodes) && rank(securityLevel) ≤ maxSecurityRank
 *   || userId ∈ readers.
 * The filter is applied inside the engine: hidden documents are neither returned nor counted
 * (totals and facet counts included).
 */
export interface AccessScope {
  userId: string;
  allUnits: boolean;
  unitCodes: string[];
  maxSecurityRank: number;
}

export interface SearchFilters {
  unitCode?: string;
  /** The code or any refinement of it: 800 matches 800, 800.1 and 800.1.2. */
  classificationCode?: string;
  retentionPhase?: RetentionPhase;
  kind?: DocumentKind;
  /** Inclusive date range on documentDate (or createdAt's date when there is none), YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface SearchQuery {
  /** Free text as the user typed it: words, "quoted phrases", prefixes, letter numbers. */
  q: string;
  filters: SearchFilters;
  scope: AccessScope;
  page: number; // 1-based
  limit: number;
  /**
   * Count every match even when the engine would estimate the total and facets of a query that
   * matches much of a large index (see SearchResult.totalEstimated).
   */
  exactTotal?: boolean;
  /**
   * `relevance` (the default): the engine's ranking, typo tiers and letter numbers first.
   * `date`: every match by its date (documentDate, else the day it was added), newest first.
   */
  sort?: SearchSort;
}

export interface SearchHit {
  id: string;
  title: string;
  kind: DocumentKind;
  /**
   * Matching passages: HTML-escaped text with each match wrapped in <mark>…</mark>, so a
   * client may insert them as HTML safely.
   */
  highlights: string[];
  score?: number;
}

export type FacetName = 'unitCode' | 'classificationCode' | 'kind' | 'year' | 'retentionPhase';

export interface SearchResult {
  items: SearchHit[];
  /** Matching visible documents in all pages. */
  total: number;
  /** Counts among matching visible documents, per value (ignoring paging). */
  facets: Record<FacetName, Record<string, number>>;
  /** True when total and facets were estimated from a sample of a large match set (not exact). */
  totalEstimated?: boolean;
}

/**
 * The full-text index: a derived cache of the database, with a versioned schema.
 * Failures to reach the engine are thrown as AppError `unavailable` with backend `search`.
 */
export interface SearchIndex {
  /** Creates or migrates the index's schema/settings; idempotent. */
  init(): Promise<void>;
  /** Adds or replaces documents by id; visible to search when the promise resolves. */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** Runs a query under an access scope. */
  search(query: SearchQuery): Promise<SearchResult>;
  /** Every indexed id, for reconciliation. */
  ids(): AsyncIterable<string>;
  /** Drops every document (before a full reindex). */
  clear(): Promise<void>;
  /**
   * Empties the index even when it cannot be opened or read (a damaged embedded file is deleted
   * and created afresh), which clear() cannot do. Only a full reindex should follow it.
   */
  reset(): Promise<void>;
  /** Resolves when the engine answers; throws AppError `unavailable` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
