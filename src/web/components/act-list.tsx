import { get } from '../api.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { Page } from '../types.ts';
import { type Column, DataTable } from './data-table.tsx';
import { ErrorBox, Loading, Pager, PageTitle } from './ui.tsx';

const LIMIT = 25;

/**
 * A list page of records acts (holds, disposals, transfers): tabs by state (the first is the
 * default, `value` '' asks for all), a table, paging. The state and page live in the URL.
 */
export const ActList = <T extends { id: string }>({
  title,
  intro,
  path,
  api,
  param,
  tabs,
  columns,
  empty,
}: {
  title: string;
  intro: string;
  /** This page's path, e.g. `/holds`. */
  path: string;
  /** The API list, e.g. `/holds`. */
  api: string;
  /** The query parameter the tabs set (`status`, `open`). */
  param: string;
  tabs: { value: string; label: string }[];
  columns: Column<T>[];
  empty: string;
}) => {
  const { units } = useSession();
  useTitle(title, officeName(units));
  const loc = useLocation();
  // In the URL the tab of everything is `all`, so that it differs from no choice (the first tab).
  const asked = loc.query.get(param);
  const value = asked === 'all' ? '' : tabs.some((tab) => tab.value === asked) ? asked! : tabs[0]!.value;
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad((signal) => get<Page<T>>(api, { query: { [param]: value, page, limit: LIMIT }, signal }), [value, page]);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{intro}</p>
      <nav class="tabs" aria-label={t('acts.show')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.value}>
              <Link
                href={`${path}${withParams(loc.query, { [param]: tab.value || 'all', page: undefined })}`}
                {...(tab.value === value ? { 'aria-current': 'page' as const } : {})}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p>{empty}</p> : null}
      {list.data && list.data.items.length > 0 ? <DataTable label={title} items={list.data.items} columns={columns} busy={list.loading} /> : null}
      {list.data ? <Pager page={page} total={list.data.total} limit={LIMIT} onPage={(p) => navigate(`${path}${withParams(loc.query, { page: p })}`)} /> : null}
    </>
  );
};
