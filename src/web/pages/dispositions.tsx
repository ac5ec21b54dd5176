import { get } from '../api.ts';
import { agendaOf, DueDate, isOverdue, UrgencyBadge } from '../components/letter-bits.tsx';
import { ErrorBox, Loading, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { Disposition } from '../types.ts';

export interface Inbox {
  items: Disposition[];
  total: number;
}

export const loadInbox = (signal: AbortSignal) => get<Inbox>('/dispositions/inbox', { signal });

/** Open dispositions as a list: due first (the server's order), overdue marked, unread in bold. */
export const InboxList = ({ items }: { items: Disposition[] }) => (
  <ol class="letter-list inbox">
    {items.map((d) => (
      <li key={d.id} class={`letter-card${d.read ? '' : ' unread'}${isOverdue(d) ? ' is-overdue' : ''}`}>
        <p class="letter-head">
          {d.read ? null : <span class="badge badge-new">{t('dispo.new')}</span>}
          {d.letter ? (
            <>
              <span class="agenda">{t('incoming.agendaShort', { n: agendaOf(d.letter) })}</span> <UrgencyBadge urgency={d.letter.urgency} />
            </>
          ) : null}
        </p>
        <h3>
          <Link href={`/dispositions/${d.id}`}>{d.letter?.subject ?? d.instruction}</Link>
        </h3>
        <p class="small">
          {t('dispo.fromName', { name: d.from.name })} · {d.instruction}
        </p>
        <p class="small">
          {t('dispo.due')}: <DueDate d={d} />{' '}
          <span class="muted">
            · {t('dispo.sentAt')} {dateTime(d.createdAt)}
          </span>
        </p>
      </li>
    ))}
  </ol>
);

/** What waits for me: my open dispositions and my unit's. */
export const DispositionsPage = () => {
  const { units } = useSession();
  useTitle(t('dispo.inbox'), officeName(units));
  const inbox = useLoad(loadInbox, []);
  const overdue = inbox.data?.items.filter((d) => isOverdue(d)).length ?? 0;
  const unread = inbox.data?.items.filter((d) => !d.read).length ?? 0;
  return (
    <>
      <PageTitle>{t('dispo.inbox')}</PageTitle>
      {inbox.loading && !inbox.data ? <Loading /> : null}
      <ErrorBox error={inbox.error} onRetry={inbox.reload} />
      {inbox.data ? (
        <>
          <p class="summary-line" role="status">
            {t('dispo.inboxSummary', { n: inbox.data.total, unread, overdue })}
          </p>
          {inbox.data.items.length ? <InboxList items={inbox.data.items} /> : <p class="muted">{t('dispo.inboxEmpty')}</p>}
        </>
      ) : null}
    </>
  );
};
