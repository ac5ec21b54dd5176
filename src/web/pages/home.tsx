import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { DocumentList } from '../components/document-list.tsx';
import { Coming, ErrorBox, Loading, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import { hasRole, officeName, useSession } from '../session.tsx';
import type { SearchResult } from '../types.ts';

/**
 * What waits for me. Dispositions, drafts and deadlines come with the correspondence and
 * signing APIs; until then those cards say so instead of showing anything made up.
 */
export const HomePage = () => {
  const { user, units } = useSession();
  useTitle(t('home.title'), officeName(units));
  const recent = useLoad((signal) => get<SearchResult>('/search', { query: { q: '', limit: 8 }, signal }), []);
  const [q, setQ] = useState('');
  const official = hasRole(user, 'official');
  const staff = hasRole(user, 'staff', 'official');
  const clerk = hasRole(user, 'clerk', 'admin');

  return (
    <>
      <PageTitle>{t('home.greeting', { name: user.name })}</PageTitle>
      <form
        class="search-inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/search${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
        }}
      >
        <label for="home-q">{t('search.label')}</label>
        <div class="row">
          <input id="home-q" type="search" value={q} placeholder={t('search.placeholder')} onInput={(e) => setQ(e.currentTarget.value)} />
          <button type="submit" class="btn btn-primary">
            {t('nav.search')}
          </button>
        </div>
      </form>

      {clerk || hasRole(user, 'admin', 'auditor') ? (
        <section class="quick" aria-labelledby="quick-title">
          <h2 id="quick-title">{t('home.quick')}</h2>
          <ul class="quick-links">
            {clerk ? (
              <>
                <li>
                  <Link href="/upload">{t('nav.upload')}</Link>
                </li>
                <li>
                  <Link href="/import">{t('nav.import')}</Link>
                </li>
              </>
            ) : null}
            {hasRole(user, 'admin') ? (
              <>
                <li>
                  <Link href="/admin/users">{t('nav.users')}</Link>
                </li>
                <li>
                  <Link href="/admin/units">{t('nav.units')}</Link>
                </li>
              </>
            ) : null}
            {hasRole(user, 'admin', 'auditor') ? (
              <li>
                <Link href="/audit">{t('nav.audit')}</Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      {staff ? (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t('home.waiting')}</h2>
          <div class="cards">
            <Coming title={t('home.dispositions')} />
            {official ? <Coming title={t('home.drafts')} /> : null}
            <Coming title={t('home.overdue')} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t('home.recent')}</h2>
        {recent.loading && !recent.data ? <Loading /> : null}
        <ErrorBox error={recent.error} onRetry={recent.reload} />
        {recent.data ? (
          recent.data.items.length ? (
            <>
              <DocumentList items={recent.data.items} />
              <p>
                <Link href="/search">{t('home.all')} →</Link>
              </p>
            </>
          ) : (
            <p class="muted">{t('home.recentEmpty')}</p>
          )
        ) : null}
      </section>
    </>
  );
};
