import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { DocumentList } from '../components/document-list.tsx';
import { SavedSearches } from '../components/saved-searches.tsx';
import { ErrorBox, Pager, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t, type MessageKey } from '../i18n.ts';
import { navigate, useLocation, withParams } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import type { FacetName, SearchResult } from '../types.ts';

const LIMIT = 20;
const DEBOUNCE_MS = 250;
const FACETS: FacetName[] = ['kind', 'unitCode', 'classificationCode', 'year'];
const FILTER_KEYS = ['unitCode', 'classificationCode', 'kind', 'from', 'to'] as const;
/** What a saved search keeps besides its words: the filters and the order. */
const KEPT = [...FILTER_KEYS, 'sort'] as const;

const yearOf = (from: string | null, to: string | null): string | null => {
  const m = from ? /^(\d{4})-01-01$/.exec(from) : null;
  return m && to === `${m[1]}-12-31` ? m[1]! : null;
};

/**
 * One box, results as you type. The URL holds the query, filters and page, so back, reload
 * and a shared link show the same results; typing replaces the URL after a pause, and each new
 * request aborts the one before it, so a slow stale answer never wins.
 */
export const SearchPage = () => {
  const { units } = useSession();
  const loc = useLocation();
  const q = loc.query.get('q') ?? '';
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const [text, setText] = useState(q);
  const timer = useRef<number | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  useTitle(q ? `${q} — ${t('search.title')}` : t('search.title'), officeName(units));

  // Back/forward to another query puts it in the box.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(q);
  }, [q]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const results = useLoad(
    (signal) =>
      get<SearchResult>('/search', {
        query: { q, page, limit: LIMIT, ...Object.fromEntries(KEPT.map((k) => [k, loc.query.get(k)])) },
        signal,
      }),
    [loc.href],
  );

  // Typing replaces the history entry (no entry per keystroke); a filter is a step back can undo.
  const go = (changes: Record<string, string | number | undefined>, replace = false) =>
    navigate(`/search${withParams(loc.query, { page: undefined, ...changes })}`, { replace });

  const onType = (value: string) => {
    setText(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => go({ q: value.trim() ? value : undefined }, true), DEBOUNCE_MS);
  };

  const data = results.data;
  // Typed but still in the pause before it is sent: already a search under way, shown at once
  // (the interaction bar: an answer or visible progress within 200 ms of a keystroke).
  const busy = results.loading || (text.trim() ? text : '') !== q;
  const activeYear = yearOf(loc.query.get('from'), loc.query.get('to'));
  const facetLabel = (name: FacetName, value: string) => (name === 'kind' ? label('kind', value) : name === 'unitCode' ? unitName(units, value) : value);
  const isActive = (name: FacetName, value: string) => (name === 'year' ? activeYear === value : loc.query.get(name) === value);
  const toggle = (name: FacetName, value: string) => {
    if (name === 'year') go(activeYear === value ? { from: undefined, to: undefined } : { from: `${value}-01-01`, to: `${value}-12-31` });
    else go({ [name]: isActive(name, value) ? undefined : value });
  };
  const active = FILTER_KEYS.filter((k) => loc.query.get(k));

  return (
    <>
      <PageTitle>{t('search.title')}</PageTitle>
      <form
        role="search"
        class="search-box"
        onSubmit={(e) => {
          e.preventDefault();
          window.clearTimeout(timer.current);
          go({ q: text.trim() ? text : undefined });
        }}
      >
        <label for="q">{t('search.label')}</label>
        <input
          id="q"
          ref={input}
          type="search"
          name="q"
          autoComplete="off"
          spellcheck={false}
          value={text}
          placeholder={t('search.placeholder')}
          onInput={(e) => onType(e.currentTarget.value)}
        />
      </form>

      <div class="search-layout">
        <aside class="facets" aria-labelledby="filters-title">
          <h2 id="filters-title">{t('search.filters')}</h2>
          {active.length ? (
            <div class="active-filters" role="group" aria-label={t('search.activeFilters')}>
              {active.map((k) => (
                <button key={k} type="button" class="chip" onClick={() => go({ [k]: undefined })}>
                  <span class="sr-only">{t('search.remove')} </span>
                  {k === 'unitCode' ? unitName(units, loc.query.get(k)!) : k === 'kind' ? label('kind', loc.query.get(k)!) : loc.query.get(k)}
                  <span aria-hidden="true"> ×</span>
                </button>
              ))}
              <button type="button" class="btn-link" onClick={() => go(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}>
                {t('search.clear')}
              </button>
            </div>
          ) : null}
          {FACETS.map((name) => {
            const counts = Object.entries(data?.facets?.[name] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
            return (
              <section key={name} class="facet" aria-labelledby={`facet-${name}`}>
                <h3 id={`facet-${name}`}>{t(`search.facet.${name}` as MessageKey)}</h3>
                {counts.length ? (
                  <ul>
                    {counts.slice(0, 12).map(([value, n]) => (
                      <li key={value}>
                        <button type="button" class="facet-value" aria-pressed={isActive(name, value)} onClick={() => toggle(name, value)}>
                          <span>{facetLabel(name, value)}</span> <span class="count">{n}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted small">{t('search.noFacet')}</p>
                )}
              </section>
            );
          })}
          <div class="dates">
            <label for="from">{t('search.from')}</label>
            <input id="from" type="date" value={loc.query.get('from') ?? ''} onChange={(e) => go({ from: e.currentTarget.value || undefined })} />
            <label for="to">{t('search.to')}</label>
            <input id="to" type="date" value={loc.query.get('to') ?? ''} onChange={(e) => go({ to: e.currentTarget.value || undefined })} />
          </div>
          <SavedSearches current={{ q, filters: Object.fromEntries(KEPT.flatMap((k) => (loc.query.get(k) ? [[k, loc.query.get(k)!]] : []))) }} />
        </aside>

        <section class="results" aria-labelledby="results-title" aria-busy={busy}>
          <h2 id="results-title" class="sr-only">
            {t('search.title')}
          </h2>
          <div class="sort-by">
            <label for="sort">{t('search.sort')}</label>
            <select
              id="sort"
              value={loc.query.get('sort') ?? 'relevance'}
              onChange={(e) => go({ sort: e.currentTarget.value === 'relevance' ? undefined : e.currentTarget.value })}
            >
              <option value="relevance">{t('search.sort.relevance')}</option>
              <option value="date">{t('search.sort.date')}</option>
            </select>
          </div>
          <p class="result-count" role="status" aria-live="polite">
            {busy
              ? t('search.searching')
              : data
                ? `${data.totalEstimated ? t('search.resultsAbout', { n: data.total }) : data.total === 1 ? t('search.resultsOne') : t('search.results', { n: data.total })} ${t('search.took', { ms: data.tookMs })}`
                : ''}
          </p>
          <ErrorBox error={results.error} onRetry={results.reload} />
          {data ? (
            data.items.length ? (
              <div>
                <DocumentList items={data.items} />
                <Pager
                  page={page}
                  total={data.total}
                  limit={LIMIT}
                  onPage={(p) => navigate(`/search${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
                />
              </div>
            ) : (
              <p>{t('search.none')}</p>
            )
          ) : null}
        </section>
      </div>
    </>
  );
};
