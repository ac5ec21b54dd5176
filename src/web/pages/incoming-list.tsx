import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { agendaOf, IncomingStatusBadge, LetterDate, UrgencyBadge } from '../components/letter-bits.tsx';
import { RegisterLink } from '../components/register-link.tsx';
import { ErrorBox, Field, Loading, Pager, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { hasRole, officeName, useSession } from '../session.tsx';
import { INCOMING_STATUSES, type IncomingLetter, type Page, URGENCIES } from '../types.ts';

const LIMIT = 20;
const FILTERS = ['status', 'urgency', 'sender', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** A list of incoming letters as cards (they read better than a table on a phone). */
export const IncomingCards = ({ items }: { items: IncomingLetter[] }) => (
  <ol class="letter-list">
    {items.map((l) => (
      <li key={l.id} class="letter-card">
        <p class="letter-head">
          <span class="agenda">{t('incoming.agendaShort', { n: agendaOf(l) })}</span> <UrgencyBadge urgency={l.urgency} />{' '}
          <IncomingStatusBadge status={l.status} voided={l.voided !== null} />
        </p>
        <h3>
          <Link href={`/incoming/${l.id}`}>{l.subject}</Link>
        </h3>
        <p class="small">
          {l.sender} · {l.letterNumber} · <LetterDate ymd={l.letterDate} />
        </p>
        <p class="small muted">
          {t('incoming.received')} <time dateTime={l.receivedAt}>{dateTime(l.receivedAt)}</time>
        </p>
      </li>
    ))}
  </ol>
);

/** The incoming register: filters (status, urgency, sender, date received) and pages; the URL holds them. */
export const IncomingListPage = () => {
  const { user, units } = useSession();
  useTitle(t('incoming.title'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const current = Object.fromEntries(FILTERS.map((k) => [k, loc.query.get(k) ?? ''])) as Filters;
  const [f, setF] = useState<Filters>(current);
  const list = useLoad((signal) => get<Page<IncomingLetter>>('/letters/incoming', { query: { ...current, page, limit: LIMIT }, signal }), [loc.href]);
  const set = (k: keyof Filters, value: string) => setF({ ...f, [k]: value });
  const apply = (next: Filters) => navigate(`/incoming${withParams(loc.query, { ...next, page: undefined })}`);

  return (
    <>
      <PageTitle>{t('incoming.title')}</PageTitle>
      <RegisterLink />
      {hasRole(user, 'clerk', 'admin') ? (
        <p>
          <Link class="btn btn-primary" href="/incoming/new">
            {t('incoming.new')}
          </Link>
        </p>
      ) : null}
      <form
        class="filters"
        role="search"
        aria-label={t('incoming.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(f);
        }}
      >
        <Field label={t('incoming.status')}>
          {(p) => (
            <select {...p} name="status" value={f.status} onChange={(e) => set('status', e.currentTarget.value)}>
              <option value="">{t('incoming.any')}</option>
              {INCOMING_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label('incoming.status', s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('incoming.urgency')}>
          {(p) => (
            <select {...p} name="urgency" value={f.urgency} onChange={(e) => set('urgency', e.currentTarget.value)}>
              <option value="">{t('incoming.any')}</option>
              {URGENCIES.map((u) => (
                <option key={u} value={u}>
                  {label('urgency', u)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('doc.sender')}>
          {(p) => <input {...p} name="sender" type="search" value={f.sender} onInput={(e) => set('sender', e.currentTarget.value)} />}
        </Field>
        <Field label={t('incoming.receivedFrom')}>
          {(p) => <input {...p} name="from" type="date" value={f.from} onInput={(e) => set('from', e.currentTarget.value)} />}
        </Field>
        <Field label={t('incoming.receivedTo')}>
          {(p) => <input {...p} name="to" type="date" value={f.to} onInput={(e) => set('to', e.currentTarget.value)} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('incoming.apply')}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => {
              const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as Filters;
              setF(empty);
              apply(empty);
            }}
          >
            {t('incoming.reset')}
          </button>
        </div>
      </form>

      <section aria-labelledby="register-title" aria-busy={list.loading}>
        <h2 id="register-title">{list.data ? t('incoming.count', { n: list.data.total }) : t('incoming.register')}</h2>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBox error={list.error} onRetry={list.reload} />
        {list.data ? (
          list.data.items.length ? (
            <>
              <IncomingCards items={list.data.items} />
              <Pager
                page={page}
                total={list.data.total}
                limit={LIMIT}
                onPage={(p) => navigate(`/incoming${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
              />
            </>
          ) : (
            <p class="muted">{t('incoming.empty')}</p>
          )
        ) : null}
      </section>
    </>
  );
};
