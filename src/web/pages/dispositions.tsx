import { get } from '../api.ts';
import { agendaOf, DueDate, isOverdue, UrgencyBadge } from '../components/letter-bits.tsx';
import { ErrorBox, Loading, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { groupInbox } from '../inbox-groups.ts';
import { Link, useLocation } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import type { Disposition } from '../types.ts';

export interface Inbox {
  items: Disposition[];
  total: number;
}

export const loadInbox = (signal: AbortSignal, state: InboxState = 'open') =>
  get<Inbox>(`/dispositions/inbox${state === 'done' ? '?state=done' : ''}`, { signal });

type InboxState = 'open' | 'done';

/** How each disposition of a card reaches the reader, with its own link when a card has several. */
const ViaLine = ({ all }: { all: Disposition[] }) => {
  const { user, units } = useSession();
  const say = (d: Disposition) => (d.via === 'unit' ? t('dispo.viaUnit', { unit: unitName(units, user.unitCode) }) : t('dispo.viaPersonal'));
  if (all.length === 1) return <p class="small via">{say(all[0]!)}</p>;
  return (
    <p class="small via">
      {t('dispo.viaBoth')}{' '}
      {all.map((d, i) => (
        <span key={d.id}>
          {i ? ' · ' : ''}
          <Link href={`/dispositions/${d.id}`}>{say(d)}</Link>
        </span>
      ))}
    </p>
  );
};

/** Dispositions as cards, one per letter (the server's order: due first), overdue marked, unread in bold. */
export const InboxList = ({ items }: { items: Disposition[] }) => (
  <ol class="letter-list inbox">
    {groupInbox(items).map(({ lead: d, all }) => (
      <li key={d.id} class={`letter-card${all.every((x) => x.read) ? '' : ' unread'}${isOverdue(d) ? ' is-overdue' : ''}`}>
        <p class="letter-head">
          {all.every((x) => x.read) ? null : <span class="badge badge-new">{t('dispo.new')}</span>}
          {d.letter ? (
            <>
              <span class="agenda">{t('incoming.agendaShort', { n: agendaOf(d.letter) })}</span> <UrgencyBadge urgency={d.letter.urgency} />
            </>
          ) : null}
        </p>
        <h3>
          <Link href={`/dispositions/${d.id}`}>{d.letter?.subject ?? d.instruction}</Link>
        </h3>
        <ViaLine all={all} />
        <p class="small">
          {t('dispo.fromName', { name: d.from.name })} · {d.instruction}
        </p>
        {d.status === 'completed' ? (
          <p class="small">{t('dispo.doneAt', { at: d.completedAt ? dateTime(d.completedAt) : '' })}</p>
        ) : (
          <p class="small">
            {t('dispo.due')}: <DueDate d={d} />{' '}
            <span class="muted">
              · {t('dispo.sentAt')} {dateTime(d.createdAt)}
            </span>
          </p>
        )}
      </li>
    ))}
  </ol>
);

/** What waits for me (Berjalan) and what I finished (Selesai): mine and my unit's. */
export const DispositionsPage = () => {
  const { units } = useSession();
  const loc = useLocation();
  const state: InboxState = loc.query.get('state') === 'done' ? 'done' : 'open';
  useTitle(t('dispo.inbox'), officeName(units));
  const inbox = useLoad((signal) => loadInbox(signal, state), [state]);
  const overdue = inbox.data?.items.filter((d) => isOverdue(d)).length ?? 0;
  const unread = inbox.data?.items.filter((d) => !d.read).length ?? 0;
  return (
    <>
      <PageTitle>{t('dispo.inbox')}</PageTitle>
      <nav class="tabs" aria-label={t('dispo.tabs')}>
        <ul>
          {(['open', 'done'] as const).map((s) => (
            <li key={s}>
              <Link href={`/dispositions${s === 'done' ? '?state=done' : ''}`} {...(s === state ? { 'aria-current': 'page' as const } : {})}>
                {t(s === 'done' ? 'dispo.tabDone' : 'dispo.tabOpen')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {inbox.loading && !inbox.data ? <Loading /> : null}
      <ErrorBox error={inbox.error} onRetry={inbox.reload} />
      {inbox.data ? (
        <>
          <p class="summary-line" role="status">
            {state === 'open' ? t('dispo.inboxSummary', { n: inbox.data.total, unread, overdue }) : t('dispo.doneSummary', { n: inbox.data.total })}
          </p>
          {inbox.data.items.length ? (
            <InboxList items={inbox.data.items} />
          ) : (
            <p class="muted">{t(state === 'open' ? 'dispo.inboxEmpty' : 'dispo.doneEmpty')}</p>
          )}
        </>
      ) : null}
    </>
  );
};
