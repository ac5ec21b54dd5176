import { get } from '../api.ts';
import { OutgoingStatusBadge } from '../components/letter-bits.tsx';
import { ErrorBox, Loading, Pager, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t, type MessageKey } from '../i18n.ts';
import { usePersonNames } from '../people.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { hasRole, officeName, useSession } from '../session.tsx';
import type { OutgoingLetter, Page } from '../types.ts';

const LIMIT = 20;
const VIEWS = { waiting: { waitingFor: 'me' }, mine: { drafter: 'me' }, dispatch: { dispatched: 'false' }, all: {} } as const;
type View = keyof typeof VIEWS;

/** Outgoing letters as cards: subject, recipient, status, whose turn it is. */
export const OutgoingCards = ({ items }: { items: OutgoingLetter[] }) => {
  const { user } = useSession();
  const names = usePersonNames(
    user,
    items.map((l) => l.waitingFor),
  );
  return (
    <ol class="letter-list">
      {items.map((l) => (
        <li key={l.id} class={`letter-card${l.waitingFor === user.id ? ' waiting-me' : ''}`}>
          <p class="letter-head">
            <OutgoingStatusBadge status={l.status} /> <span class="small muted">{t('out.versionN', { n: l.version })}</span>
            {l.letterNumber ? <span class="agenda"> {l.letterNumber}</span> : null}
            {l.dispatch ? <span class="badge badge-ready">{t('dispatch.badge')}</span> : null}
          </p>
          <h3>
            <Link href={`/outgoing/${l.id}`}>{l.subject}</Link>
          </h3>
          <p class="small">
            {t('out.to')}: {l.recipient}
            {l.waitingFor ? (
              <>
                {' · '}
                {l.waitingFor === user.id ? (
                  <strong>{t('out.yourTurn')}</strong>
                ) : (
                  t('out.waitingFor', { name: names.get(l.waitingFor) ?? t('people.someone') })
                )}
              </>
            ) : null}
          </p>
          <p class="small muted">
            {t('out.updated')} <time dateTime={l.updatedAt}>{dateTime(l.updatedAt)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
};

/** Outgoing letters: waiting for me (review or signature), my drafts, all I may see. */
export const OutgoingListPage = () => {
  const { user, units } = useSession();
  useTitle(t('out.title'), officeName(units));
  const loc = useLocation();
  const raw = loc.query.get('view');
  const view: View = raw === 'mine' || raw === 'all' || raw === 'dispatch' ? raw : 'waiting';
  // Sending letters out is the clerks' job; others do not see the tab.
  const views = (Object.keys(VIEWS) as View[]).filter((v) => v !== 'dispatch' || hasRole(user, 'clerk'));
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad((signal) => get<Page<OutgoingLetter>>('/letters/outgoing', { query: { ...VIEWS[view], page, limit: LIMIT }, signal }), [loc.href]);
  return (
    <>
      <PageTitle>{t('out.title')}</PageTitle>
      {hasRole(user, 'staff', 'official', 'clerk') ? (
        <p>
          <Link class="btn btn-primary" href="/outgoing/new">
            {t('out.new')}
          </Link>
          {hasRole(user, 'official') ? (
            <>
              {' '}
              <Link class="btn" href="/outgoing/sign-queue">
                {t('out.signQueue')}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      <nav class="tabs" aria-label={t('out.views')}>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <Link
                href={`/outgoing${withParams(loc.query, { view: v === 'waiting' ? undefined : v, page: undefined })}`}
                {...(v === view ? { 'aria-current': 'page' as const } : {})}
              >
                {t(`out.view.${v}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="out-list-title" aria-busy={list.loading}>
        <h2 id="out-list-title" class="sr-only">
          {t(`out.view.${view}` as MessageKey)}
        </h2>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBox error={list.error} onRetry={list.reload} />
        {list.data ? (
          list.data.items.length ? (
            <>
              <OutgoingCards items={list.data.items} />
              <Pager
                page={page}
                total={list.data.total}
                limit={LIMIT}
                onPage={(p) => navigate(`/outgoing${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
              />
            </>
          ) : (
            <p class="muted">{t(view === 'waiting' ? 'out.emptyWaiting' : view === 'dispatch' ? 'out.emptyDispatch' : 'out.empty')}</p>
          )
        ) : null}
      </section>
    </>
  );
};
