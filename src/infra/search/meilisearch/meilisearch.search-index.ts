import { Meilisearch, type EnqueuedTaskPromise, type Settings } from 'meilisearch';
import type { DocumentKind } from '../../../domain/document.ts';
import { AppError } from '../../../domain/errors.ts';
import { securityRank } from '../../../domain/security-level.ts';
import type { FacetName, SearchDocument, SearchHit, SearchIndex, SearchQuery, SearchResult } from '../../../ports/search-index.ts';
import { toHighlight } from '../highlight.ts';
import { buildFilter, buildMeiliQuery } from './meilisearch-filter.ts';
import { MAX_HITS, clampPaging } from '../paging.ts';
import { isEmptyQuery, parseQuery } from '../query-parser.ts';
import { MARK_CLOSE, MARK_OPEN, stripMarkers } from '../text-fold.ts';

/** Where the Meilisearch index lives. */
export interface MeilisearchSearchIndexOptions {
  url: string;
  apiKey?: string;
  /** Index uid; one per deployment (default `naskah_documents`). */
  indexUid?: string;
}

/** The stored shape: `pk` is the id made safe for Meilisearch's primary key alphabet. */
interface MeiliDoc {
  pk: string;
  id: string;
  kind: DocumentKind;
  title: string;
  text: string;
  letterNumber: string;
  sender: string;
  tags: string[];
  classificationCode: string | null;
  /** The code and every code above it (800.1.2 → 800, 800.1, 800.1.2): a filter on 800 finds its refinements. */
  classificationPath: string[];
  retentionPhase: string | null;
  unitCode: string;
  securityRank: number;
  readers: string[];
  /** documentDate, else createdAt's date, as YYYYMMDD: numbers compare in filters. */
  date: number;
  year: string;
  createdAtMs: number;
}

const FACETS: FacetName[] = ['unitCode', 'classificationCode', 'kind', 'year', 'retentionPhase'];

/** Settings applied by init(); Meilisearch only reindexes when they change. */
const SETTINGS: Settings = {
  searchableAttributes: ['letterNumber', 'title', 'sender', 'tags', 'text'],
  filterableAttributes: ['unitCode', 'classificationCode', 'classificationPath', 'retentionPhase', 'kind', 'securityRank', 'readers', 'date', 'year'],
  sortableAttributes: ['createdAtMs', 'date'],
  // sort first: a query asking for date order (sort=date) gets it across every match; without a
  // sort parameter the rule does nothing and the usual relevance rules decide.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  displayedAttributes: ['id', 'title', 'kind', 'text', 'letterNumber', 'sender'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: MAX_HITS },
  faceting: { maxValuesPerFacet: 1000 },
};

// Words of context around a match in the cropped text.
const CROP_WORDS = 24;
const BATCH = 1000;

/** Meilisearch ids allow [A-Za-z0-9_-] only; ours are opaque, so they travel base64url-encoded. */
const pkOf = (id: string): string => Buffer.from(String(id), 'utf8').toString('base64url');

const down = (err: unknown): AppError =>
  err instanceof AppError ? err : new AppError('unavailable', 'search engine (Meilisearch) failed', { backend: 'search', cause: err });

const toMeili = (d: SearchDocument): MeiliDoc => {
  const day = d.documentDate ?? new Date(d.createdAt).toISOString().slice(0, 10);
  return {
    pk: pkOf(d.id),
    id: d.id,
    kind: d.kind,
    title: stripMarkers(d.title),
    text: stripMarkers(d.text),
    letterNumber: stripMarkers(d.letterNumber ?? ''),
    sender: stripMarkers(d.sender ?? ''),
    tags: d.tags.map(stripMarkers),
    classificationCode: d.classificationCode,
    classificationPath: d.classificationCode ? d.classificationCode.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')) : [],
    retentionPhase: d.retentionPhase,
    unitCode: d.unitCode,
    securityRank: securityRank(d.securityLevel),
    readers: [...new Set(d.readers.map(String))],
    date: Number(day.replace(/-/g, '')),
    year: day.slice(0, 4),
    createdAtMs: Date.parse(d.createdAt),
  };
};

/** The SearchIndex on a Meilisearch server (the full-stack profile). */
export const createMeilisearchSearchIndex = (opts: MeilisearchSearchIndexOptions): SearchIndex => {
  const client = new Meilisearch({ host: opts.url, apiKey: opts.apiKey });
  const uid = opts.indexUid ?? 'naskah_documents';
  const index = client.index<MeiliDoc>(uid);

  /** Waits for a task and fails loudly when Meilisearch reports it failed. */
  const settle = async (task: EnqueuedTaskPromise, tolerate?: string): Promise<void> => {
    const done = await task.waitTask({ timeout: 60_000 });
    if (done.status !== 'succeeded' && done.error?.code !== tolerate) {
      throw new AppError('unavailable', `search engine task ${done.status}: ${done.error?.message ?? ''}`, { backend: 'search' });
    }
  };
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw down(err);
    }
  };

  return {
    init: () =>
      guard(async () => {
        await settle(client.createIndex(uid, { primaryKey: 'pk' }), 'index_already_exists');
        await settle(index.updateSettings(SETTINGS));
      }),

    upsert: (docs) =>
      guard(async () => {
        const tasks: EnqueuedTaskPromise[] = [];
        for (let i = 0; i < docs.length; i += BATCH) tasks.push(index.addDocuments(docs.slice(i, i + BATCH).map(toMeili), { primaryKey: 'pk' }));
        for (const t of tasks) await settle(t);
      }),

    remove: (ids) =>
      guard(async () => {
        if (ids.length > 0) await settle(index.deleteDocuments(ids.map(pkOf)));
      }),

    search: (q) => guard(() => search(index, q)),

    ids: () => ({
      async *[Symbol.asyncIterator]() {
        for (let offset = 0; ; offset += BATCH) {
          const page = await guard(() => index.getDocuments({ fields: ['id'], offset, limit: BATCH }));
          for (const d of page.results) yield d.id;
          if (page.results.length < BATCH) return;
        }
      },
    }),

    clear: () => guard(() => settle(index.deleteAllDocuments())),

    reset: () =>
      guard(async () => {
        await settle(client.deleteIndex(uid), 'index_not_found');
        await settle(client.createIndex(uid, { primaryKey: 'pk' }), 'index_already_exists');
        await settle(index.updateSettings(SETTINGS));
      }),

    ping: () =>
      guard(async () => {
        await client.health();
      }),

    close: async () => undefined, // HTTP only: nothing held open
  };
};

/** Deletes the whole index (tests and teardown; a reindex only needs clear()). */
export const deleteMeilisearchIndex = async (opts: MeilisearchSearchIndexOptions): Promise<void> => {
  const client = new Meilisearch({ host: opts.url, apiKey: opts.apiKey });
  try {
    await client.deleteIndexIfExists(opts.indexUid ?? 'naskah_documents');
  } catch (err) {
    throw down(err);
  }
};

const search = async (index: ReturnType<Meilisearch['index']>, query: SearchQuery): Promise<SearchResult> => {
  const { limit, offset } = clampPaging(query.page, query.limit);
  const parsed = parseQuery(query.q);
  const empty = isEmptyQuery(parsed);
  const res = await index.search(empty ? '' : buildMeiliQuery(parsed), {
    filter: buildFilter(query.scope, query.filters ?? {}),
    facets: FACETS,
    // hitsPerPage 0 asks for the total and facets only: the page lies beyond maxTotalHits.
    hitsPerPage: offset === null ? 0 : limit,
    page: offset === null ? 1 : offset / limit + 1,
    sort: query.sort === 'date' ? ['date:desc', 'createdAtMs:desc'] : empty ? ['createdAtMs:desc'] : undefined,
    // _formatted only carries retrieved attributes, so the highlighted ones are retrieved too.
    attributesToRetrieve: empty ? ['id', 'title', 'kind'] : ['id', 'title', 'kind', 'letterNumber', 'sender', 'text'],
    attributesToHighlight: empty ? [] : ['title', 'letterNumber', 'sender', 'text'],
    attributesToCrop: empty ? [] : ['text'],
    cropLength: CROP_WORDS,
    cropMarker: '…',
    highlightPreTag: MARK_OPEN,
    highlightPostTag: MARK_CLOSE,
    showRankingScore: true,
  });
  const items: SearchHit[] = res.hits.map((h) => {
    const f = h._formatted ?? {};
    const passages = [f.text, f.title, f.letterNumber, f.sender].map((p) => toHighlight(typeof p === 'string' ? p : null));
    const hit: SearchHit = {
      id: String(h.id),
      title: String(h.title),
      kind: h.kind as DocumentKind,
      highlights: passages.filter((p): p is string => p !== null),
    };
    if (typeof h._rankingScore === 'number' && !empty && query.sort !== 'date') hit.score = h._rankingScore;
    return hit;
  });
  const facets = Object.fromEntries(FACETS.map((name) => [name, { ...(res.facetDistribution?.[name] ?? {}) }])) as SearchResult['facets'];
  return { items, total: res.totalHits ?? 0, facets };
};
