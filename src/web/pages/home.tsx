import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { DocumentList } from '../components/document-list.tsx';
import type { BackupPage } from '../backup-types.ts';
import { BackupWarning } from '../components/backup-warning.tsx';
import { AwaitingItems, loadAwaiting } from '../components/awaiting-disposition.tsx';
import { FixityWarning } from '../components/fixity-warning.tsx';
import { agendaOf, DueDate, isOverdue, OutgoingStatusBadge, UrgencyBadge } from '../components/letter-bits.tsx';
import { DisposalItems, loadDisposalsToDecide, RecordsDesk } from '../components/records-overview.tsx';
import { ErrorBox, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { Disposition, IncomingLetter, OfficeStats, OutgoingLetter, Page, SearchResult } from '../types.ts';
import { loadInbox } from './dispositions.tsx';

const SHOWN = 5;

const DispositionItems = ({ items }: { items: Disposition[] }) => (
  <ul class="mini-list">
    {items.map((d) => (
      <li key={d.id} class={d.read ? '' : 'unread'}>
        <Link href={`/dispositions/${d.id}`}>{d.letter?.subject ?? d.instruction}</Link>
        {d.read ? null : <span class="badge badge-new">{t('dispo.new')}</span>}
        {d.via === 'unit' ? <span class="badge">{t('dispo.viaUnitShort')}</span> : null}
        <br />
        <span class="small">
          {t('dispo.due')}: <DueDate d={d} />
        </span>
      </li>
    ))}
  </ul>
);

const DraftItems = ({ items, me }: { items: OutgoingLetter[]; me: string }) => (
  <ul class="mini-list">
    {items.map((l) => (
      <li key={l.id}>
        <Link href={l.status === 'approved' && l.signerId === me ? `/outgoing/${l.id}/sign` : `/outgoing/${l.id}`}>{l.subject}</Link>{' '}
        <OutgoingStatusBadge status={l.status} />
        <br />
        <span class="small muted">{l.status === 'approved' ? t('home.toSign') : l.status === 'returned' ? t('home.toRevise') : t('home.toReview')}</span>
      </li>
    ))}
  </ul>
);

/** A card of "what waits for me" with its count in the heading and a link to the whole list. */
const WaitCard = ({
  id,
  title,
  count,
  href,
  loading,
  error,
  onRetry,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number | null;
  href: string;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  empty: string;
  children: ComponentChildren;
}) => (
  <section class="card wait-card" id={id} aria-labelledby={`${id}-title`}>
    <h3 id={`${id}-title`}>
      {title} {count !== null ? <span class="count-badge">{count}</span> : null}
    </h3>
    {loading && count === null ? <Loading /> : null}
    <ErrorBox error={error} onRetry={onRetry} />
    {count === 0 ? <p class="muted">{empty}</p> : children}
    {count ? (
      <p class="small">
        <Link href={href}>{t('home.all')} →</Link>
      </p>
    ) : null}
  </section>
);

/**
 * What waits for me, by role: dispositions by due date, drafts to review, revise or sign, what is
 * overdue (mine, and the office's for its head), the newest incoming letters and documents.
 */
export const HomePage = () => {
  const { user, units } = useSession();
  useTitle(t('home.title'), officeName(units));
  const [q, setQ] = useState('');
  const worker = hasRole(user, 'staff', 'official', 'clerk');
  const head = hasRole(user, 'official', 'admin');
  const clerk = hasRole(user, 'clerk', 'admin');
  const recent = useLoad((signal) => get<SearchResult>('/search', { query: { q: '', limit: SHOWN }, signal }), []);
  const letters = useLoad((signal) => get<Page<IncomingLetter>>('/letters/incoming', { query: { limit: SHOWN, voided: 'false' }, signal }), []);
  const inbox = useLoad((signal) => (worker ? loadInbox(signal) : Promise.resolve(null)), [worker]);
  const drafts = useLoad(
    async (signal) => {
      if (!worker) return null;
      const [waiting, returned] = await Promise.all([
        get<Page<OutgoingLetter>>('/letters/outgoing', { query: { waitingFor: 'me', limit: SHOWN }, signal }),
        get<Page<OutgoingLetter>>('/letters/outgoing', { query: { drafter: 'me', status: 'returned', limit: SHOWN }, signal }),
      ]);
      return { items: [...waiting.items, ...returned.items].slice(0, SHOWN), total: waiting.total + returned.total };
    },
    [worker],
  );
  // Counts behind the quick links: signed letters a clerk still has to send out, jobs an admin should retry.
  const toSend = useLoad(
    (signal) =>
      hasRole(user, 'clerk') ? get<Page<OutgoingLetter>>('/letters/outgoing', { query: { dispatched: 'false', limit: 1 }, signal }) : Promise.resolve(null),
    [],
  );
  const failedJobs = useLoad(
    (signal) => (hasRole(user, 'admin') ? get<Page<unknown>>('/jobs', { query: { state: 'failed', limit: 1 }, signal }) : Promise.resolve(null)),
    [],
  );
  const office = useLoad((signal) => (head ? get<OfficeStats>('/stats', { signal }) : Promise.resolve(null)), [head]);
  // Admins are warned when the office has no recent good backup.
  const backups = useLoad((signal) => (hasRole(user, 'admin') ? get<BackupPage>('/backups', { query: { limit: 1 }, signal }) : Promise.resolve(null)), []);
  // The head of a unit approves the disposals its archivists propose.
  const official = hasRole(user, 'official');
  const toDecide = useLoad((signal) => (official ? loadDisposalsToDecide(user.id, signal) : Promise.resolve(null)), [official]);
  const awaiting = useLoad((signal) => (official ? loadAwaiting(user.unitCode, SHOWN, signal) : Promise.resolve(null)), [official, user.unitCode]);
  const overdueMine = inbox.data?.items.filter((d) => isOverdue(d)) ?? [];
  const officeOverdue = office.data ? office.data.overdueByUnit.reduce((n, u) => n + u.overdue, 0) : null;

  return (
    <>
      <PageTitle>{t('home.greeting', { name: user.name })}</PageTitle>
      {backups.data ? <BackupWarning page={backups.data} link /> : null}
      {hasRole(user, 'admin') ? <FixityWarning /> : null}
      {user.certificateRequestedAt ? (
        <Notice tone="warn">
          {t('home.choosePin')} <Link href="/account">{t('nav.account')}</Link>
        </Notice>
      ) : null}
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

      <section class="quick" aria-labelledby="quick-title">
        <h2 id="quick-title">{t('home.quick')}</h2>
        <ul class="quick-links">
          {clerk ? (
            <>
              <li>
                <Link href="/incoming/new">{t('incoming.new')}</Link>
              </li>
              <li>
                <Link href="/import">{t('nav.import')}</Link>
              </li>
            </>
          ) : null}
          {hasRole(user, 'staff', 'official', 'clerk') ? (
            <li>
              <Link href="/outgoing/new">{t('out.new')}</Link>
            </li>
          ) : null}
          {toSend.data ? (
            <li>
              <Link href="/outgoing?view=dispatch">{t('dispatch.waiting', { n: toSend.data.total })}</Link>
            </li>
          ) : null}
          {failedJobs.data ? (
            <li>
              <Link href="/admin/jobs">{t('jobs.failedHome', { n: failedJobs.data.total })}</Link>
            </li>
          ) : null}
          {hasRole(user, 'official', 'admin', 'auditor') ? (
            <li>
              <Link href="/stats">{t('nav.stats')}</Link>
            </li>
          ) : null}
          {hasRole(user, 'admin') ? (
            <li>
              <Link href="/admin/users">{t('nav.users')}</Link>
            </li>
          ) : null}
          {hasRole(user, 'admin', 'auditor') ? (
            <li>
              <Link href="/audit">{t('nav.audit')}</Link>
            </li>
          ) : null}
          {hasRole(user, 'auditor') ? (
            <li>
              <Link href="/holds">{t('holds.title')}</Link>
            </li>
          ) : null}
          <li>
            <Link href="/check">{t('nav.check')}</Link>
          </li>
        </ul>
      </section>

      {worker || head ? (
        <section aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t('home.waiting')}</h2>
          <div class="cards">
            {worker ? (
              <WaitCard
                id="home-dispo"
                title={t('home.dispositions')}
                count={inbox.data?.total ?? null}
                href="/dispositions"
                loading={inbox.loading}
                error={inbox.error}
                onRetry={inbox.reload}
                empty={t('dispo.inboxEmpty')}
              >
                <DispositionItems items={inbox.data?.items.slice(0, SHOWN) ?? []} />
              </WaitCard>
            ) : null}
            {worker ? (
              <WaitCard
                id="home-drafts"
                title={t('home.drafts')}
                count={drafts.data?.total ?? null}
                href="/outgoing"
                loading={drafts.loading}
                error={drafts.error}
                onRetry={drafts.reload}
                empty={t('out.emptyWaiting')}
              >
                <DraftItems items={drafts.data?.items ?? []} me={user.id} />
              </WaitCard>
            ) : null}
            {official ? (
              <WaitCard
                id="home-awaiting"
                title={t('home.awaiting')}
                count={awaiting.data?.total ?? null}
                href={`/incoming?status=registered&unitCode=${encodeURIComponent(user.unitCode)}`}
                loading={awaiting.loading}
                error={awaiting.error}
                onRetry={awaiting.reload}
                empty={t('home.awaitingNone')}
              >
                <AwaitingItems items={awaiting.data?.items ?? []} />
              </WaitCard>
            ) : null}
            {official ? (
              <WaitCard
                id="home-disposals"
                title={t('home.disposals')}
                count={toDecide.data?.total ?? null}
                href="/disposals?status=proposed"
                loading={toDecide.loading}
                error={toDecide.error}
                onRetry={toDecide.reload}
                empty={t('home.disposalsNone')}
              >
                <DisposalItems items={toDecide.data?.items.slice(0, SHOWN) ?? []} />
              </WaitCard>
            ) : null}
            <WaitCard
              id="home-overdue"
              title={t('home.overdue')}
              count={worker ? (inbox.data ? overdueMine.length : null) : officeOverdue}
              href={worker ? '/dispositions' : '/stats'}
              loading={inbox.loading || office.loading}
              error={inbox.error ?? office.error}
              onRetry={() => (inbox.reload(), office.reload())}
              empty={t('home.overdueNone')}
            >
              {worker ? <DispositionItems items={overdueMine.slice(0, SHOWN)} /> : null}
            </WaitCard>
          </div>
          {head && officeOverdue !== null ? (
            <p>
              <Link href="/stats">{t('home.officeOverdue', { n: officeOverdue })}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {hasRole(user, 'archivist') ? <RecordsDesk /> : null}

      <section aria-labelledby="letters-title">
        <h2 id="letters-title">{t('home.recentLetters')}</h2>
        {letters.loading && !letters.data ? <Loading /> : null}
        <ErrorBox error={letters.error} onRetry={letters.reload} />
        {letters.data ? (
          letters.data.items.length ? (
            <>
              <ul class="mini-list letters">
                {letters.data.items.map((l) => (
                  <li key={l.id}>
                    <span class="agenda">{agendaOf(l)}</span> <Link href={`/incoming/${l.id}`}>{l.subject}</Link> <UrgencyBadge urgency={l.urgency} />
                    <br />
                    <span class="small muted">
                      {l.sender} · {unitName(units, l.unitCode)} · {dateTime(l.receivedAt)}
                    </span>
                  </li>
                ))}
              </ul>
              <p>
                <Link href="/incoming">{t('home.all')} →</Link>
              </p>
            </>
          ) : (
            <p class="muted">{t('incoming.empty')}</p>
          )
        ) : null}
      </section>

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
