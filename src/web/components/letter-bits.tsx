import { dateOnly, dateTime } from '../format.ts';
import { label, t } from '../i18n.ts';
import type { Addressee, Disposition, IncomingStatus, OutgoingStatus, Urgency } from '../types.ts';

export const UrgencyBadge = ({ urgency }: { urgency: Urgency }) => <span class={`badge badge-urgency-${urgency}`}>{label('urgency', urgency)}</span>;

/** A void entry (issue 18) shows as such, whatever its routing had reached. */
export const IncomingStatusBadge = ({ status, voided = false }: { status: IncomingStatus; voided?: boolean }) =>
  voided ? <span class="badge badge-void">{t('void.badge')}</span> : <span class={`badge badge-letter-${status}`}>{label('incoming.status', status)}</span>;

export const OutgoingStatusBadge = ({ status }: { status: OutgoingStatus }) => (
  <span class={`badge badge-letter-${status}`}>{label('outgoing.status', status)}</span>
);

/** `17/2026`: the agenda number with its year. */
export const agendaOf = (l: { agendaNumber: number; agendaYear: number }): string => `${l.agendaNumber}/${l.agendaYear}`;

export const addresseeName = (a: Addressee): string => ('user' in a ? a.user.name : `${a.unit.name} (${a.unit.code})`);

export const isOverdue = (d: Pick<Disposition, 'status' | 'dueAt'>, now = Date.now()): boolean =>
  d.status === 'open' && d.dueAt !== null && Date.parse(d.dueAt) < now;

/** A due date, marked when it has passed on an open disposition. */
export const DueDate = ({ d }: { d: Pick<Disposition, 'status' | 'dueAt'> }) => {
  if (!d.dueAt) return <span class="muted">{t('dispo.noDue')}</span>;
  return (
    <span class={isOverdue(d) ? 'overdue' : ''}>
      <time dateTime={d.dueAt}>{dateTime(d.dueAt)}</time>
      {isOverdue(d) ? <span class="badge badge-overdue">{t('dispo.overdue')}</span> : null}
    </span>
  );
};

/** Today as YYYY-MM-DD in the browser's (the office's) calendar. */
export const todayYmd = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/** The end of a calendar day in the browser's time zone, as the API's date-time. */
export const endOfDay = (ymd: string): string => new Date(`${ymd}T23:59:00`).toISOString();

export const ActionList = ({ actions }: { actions: string[] }) =>
  actions.length ? (
    <ul class="tags">
      {actions.map((a) => (
        <li key={a} class="badge">
          {label('action', a)}
        </li>
      ))}
    </ul>
  ) : null;

export const LetterDate = ({ ymd }: { ymd: string | null }) => (ymd ? dateOnly(ymd) : t('doc.none'));
