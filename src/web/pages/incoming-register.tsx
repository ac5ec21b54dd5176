import { useState } from 'preact/hooks';
import { API, get, withQuery } from '../api.ts';
import { type Column, DataTable } from '../components/data-table.tsx';
import { agendaOf, LetterDate } from '../components/letter-bits.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../components/ui.tsx';
import { UnitSelect } from '../components/unit-select.tsx';
import { officeToday } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { RegisterEntry, RegisterHeading } from '../../domain/register.ts';

/** GET /letters/incoming/register. */
interface Register {
  heading: RegisterHeading;
  items: RegisterEntry[];
  total: number;
}

type Period = { from: string; to: string; unitCode: string };

/**
 * This month so far, on the office's calendar (the server reads the dates in the office's zone):
 * what a clerk prints most often. On the browser's calendar, a device in another zone asked for a
 * period that ended before letters received today (seen: 00:40 WIB is still yesterday in UTC).
 */
const thisMonth = (): Period => {
  const today = officeToday();
  return { from: `${today.slice(0, 7)}-01`, to: today, unitCode: '' };
};

/**
 * The columns, in the language of the moment (so built per render). Each unit numbers its own
 * register: across units an agenda number carries its unit, as in the exports.
 */
const columns = (oneUnit: boolean): Column<RegisterEntry>[] => [
  { head: t('register.col.agenda'), cell: (e) => <Link href={`/incoming/${e.id}`}>{oneUnit ? agendaOf(e) : `${e.unitCode} ${agendaOf(e)}`}</Link> },
  { head: t('register.col.received'), cell: (e) => <LetterDate ymd={e.receivedDate} /> },
  { head: t('register.col.number'), cell: (e) => e.letterNumber },
  { head: t('register.col.date'), cell: (e) => <LetterDate ymd={e.letterDate} /> },
  { head: t('register.col.sender'), cell: (e) => e.sender },
  { head: t('register.col.subject'), cell: (e) => e.subject },
  { head: t('register.col.urgency'), cell: (e) => label('urgency', e.urgency) },
  { head: t('register.col.classification'), cell: (e) => e.classificationCode ?? '' },
  {
    head: t('register.col.disposed'),
    cell: (e) => [label('incoming.status', e.status), ...e.disposedTo].join('; '),
  },
];

/**
 * The Buku Agenda of a period and unit as a table (issue 18): the browser's print gives the
 * table alone under the office, unit and period (paper.css), and the server writes the same
 * rows as CSV and PDF. The URL holds the period.
 */
export const IncomingRegisterPage = () => {
  const { units } = useSession();
  useTitle(t('register.title'), officeName(units));
  const loc = useLocation();
  const defaults = thisMonth();
  const current: Period = {
    from: loc.query.get('from') ?? defaults.from,
    to: loc.query.get('to') ?? defaults.to,
    unitCode: loc.query.get('unitCode') ?? '',
  };
  const [f, setF] = useState<Period>(current);
  const register = useLoad((signal) => get<Register>('/letters/incoming/register', { query: current, signal }), [loc.href]);
  const download = (ext: 'csv' | 'pdf') => withQuery(`${API}/letters/incoming/register.${ext}`, current);

  return (
    <div class="register-page">
      <PageTitle>{t('register.title')}</PageTitle>
      <p class="no-print">{t('register.intro')}</p>
      <form
        class="filters no-print"
        aria-label={t('register.title')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/incoming/register${withParams(loc.query, f)}`);
        }}
      >
        <Field label={t('register.from')}>
          {(p) => <input {...p} name="from" type="date" value={f.from} onInput={(e) => setF({ ...f, from: e.currentTarget.value })} />}
        </Field>
        <Field label={t('register.to')}>
          {(p) => <input {...p} name="to" type="date" value={f.to} onInput={(e) => setF({ ...f, to: e.currentTarget.value })} />}
        </Field>
        <Field label={t('register.unit')}>
          {(p) => <UnitSelect {...p} value={f.unitCode} emptyLabel={t('register.allUnits')} onChange={(unitCode) => setF({ ...f, unitCode })} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('register.show')}
          </button>
        </div>
      </form>
      <p class="register-actions no-print">
        <button type="button" class="btn" onClick={() => window.print()}>
          {t('register.print')}
        </button>
        <a class="btn" href={download('csv')} download>
          {t('register.csv')}
        </a>
        <a class="btn" href={download('pdf')} download>
          {t('register.pdf')}
        </a>
      </p>
      {register.loading && !register.data ? <Loading /> : null}
      <ErrorBox error={register.error} onRetry={register.reload} />
      {register.data ? (
        <section class="register-sheet" aria-labelledby="register-heading">
          <header class="register-heading">
            <p class="register-office">{register.data.heading.office}</p>
            <h2 id="register-heading">{t('register.title')}</h2>
            <p>{register.data.heading.unit}</p>
            <p>
              {register.data.heading.period} · {t('register.count', { n: register.data.total })}
            </p>
            <p class="print-only">{t('register.printedAt', { at: register.data.heading.printedAt })}</p>
          </header>
          {register.data.items.length ? (
            <DataTable label={t('register.table')} items={register.data.items} columns={columns(Boolean(current.unitCode))} busy={register.loading} />
          ) : (
            <p class="muted">{t('register.empty')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
};
