import { get } from '../api.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { IncomingLetter, Page } from '../types.ts';
import { agendaOf, UrgencyBadge } from './letter-bits.tsx';

/** The letters in the official's unit's register that have no disposition yet, newest first: theirs to dispose of. */
export const loadAwaiting = (unitCode: string, limit: number, signal: AbortSignal) =>
  get<Page<IncomingLetter & { unread?: boolean }>>('/letters/incoming', { query: { status: 'registered', unitCode, limit }, signal });

/** Those letters; the ones the reader has not opened yet are marked in words and in bold. */
export const AwaitingItems = ({ items }: { items: (IncomingLetter & { unread?: boolean })[] }) => (
  <ul class="mini-list letters awaiting">
    {items.map((l) => (
      <li key={l.id} class={l.unread ? 'unread' : undefined}>
        {l.unread ? <span class="badge badge-new">{t('home.unread')}</span> : null} <span class="agenda">{agendaOf(l)}</span>{' '}
        <Link href={`/incoming/${l.id}`}>{l.subject}</Link> <UrgencyBadge urgency={l.urgency} />
        <br />
        <span class="small muted">{l.sender}</span>
      </li>
    ))}
  </ul>
);
