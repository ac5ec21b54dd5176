import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { GroupedBars, HorizontalBars, monthLabel, type Series } from '../components/charts.tsx';
import { ErrorBox, Field, Loading, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { num } from '../format.ts';
import { navigate, useLocation, withParams } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import type { OfficeStats } from '../types.ts';

/** Hours as a person says them: minutes under an hour, "5,5 jam", days past two days. */
const duration = (hours: number | null): string => {
  if (hours === null) return t('stats.noData');
  const n = (v: number) => num(v);
  if (hours < 1) return t('stats.minutes', { n: Math.round(hours * 60) });
  return hours < 48 ? t('stats.hours', { n: n(hours) }) : t('stats.days', { n: n(hours / 24) });
};

const Median = ({ label, m }: { label: string; m: { medianHours: number | null; letters: number } }) => (
  <div class="card figure">
    <h3>{label}</h3>
    <p class="figure-value">{duration(m.medianHours)}</p>
    <p class="small muted">{t('stats.over', { n: m.letters })}</p>
  </div>
);

/** The office figures for the head: letters in and out per month, median times, overdue per unit. */
export const StatsPage = () => {
  const { units } = useSession();
  useTitle(t('stats.title'), officeName(units));
  const loc = useLocation();
  const range = { from: loc.query.get('from') ?? '', to: loc.query.get('to') ?? '' };
  const [f, setF] = useState(range);
  const stats = useLoad((signal) => get<OfficeStats>('/stats', { query: range, signal }), [loc.href]);
  const s = stats.data;
  const series: Series[] = [
    { key: 'incoming', label: t('stats.incoming'), tone: 'tone-in' },
    { key: 'outgoingDrafted', label: t('stats.drafted'), tone: 'tone-draft' },
    { key: 'outgoingSigned', label: t('stats.signed'), tone: 'tone-signed' },
  ];
  const totals = s ? s.months.reduce((acc, m) => [acc[0]! + m.incoming, acc[1]! + m.outgoingDrafted, acc[2]! + m.outgoingSigned], [0, 0, 0]) : [0, 0, 0];
  const overdue = s ? [...s.overdueByUnit].sort((a, b) => b.overdue - a.overdue) : [];

  return (
    <>
      <PageTitle>{t('stats.title')}</PageTitle>
      <form
        class="filters"
        aria-label={t('stats.range')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/stats${withParams(loc.query, f)}`);
        }}
      >
        <Field label={t('stats.from')} hint={t('stats.monthHint')}>
          {(p) => <input {...p} type="month" name="from" pattern="\d{4}-\d{2}" value={f.from} onInput={(e) => setF({ ...f, from: e.currentTarget.value })} />}
        </Field>
        <Field label={t('stats.to')} hint={t('stats.monthHint')}>
          {(p) => <input {...p} type="month" name="to" pattern="\d{4}-\d{2}" value={f.to} onInput={(e) => setF({ ...f, to: e.currentTarget.value })} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('stats.show')}
          </button>
        </div>
      </form>
      {stats.loading && !s ? <Loading /> : null}
      <ErrorBox error={stats.error} onRetry={stats.reload} />
      {s ? (
        <>
          <p class="muted">{t('stats.period', { from: monthLabel(s.from), to: monthLabel(s.to), tz: s.timeZone })}</p>
          <section class="card" aria-labelledby="volume-title">
            <h2 id="volume-title">{t('stats.volume')}</h2>
            <ul class="legend">
              {series.map((x, i) => (
                <li key={x.key}>
                  <span class={`swatch ${x.tone}`} aria-hidden="true" /> {x.label}: <strong>{totals[i]}</strong>
                </li>
              ))}
            </ul>
            <GroupedBars
              title={t('stats.volume')}
              categories={s.months.map((m) => monthLabel(m.month))}
              series={series}
              values={s.months.map((m) => [m.incoming, m.outgoingDrafted, m.outgoingSigned])}
            />
            <details>
              <summary>{t('stats.table')}</summary>
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('stats.table')}>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.month')}</th>
                      {series.map((x) => (
                        <th key={x.key} scope="col">
                          {x.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthLabel(m.month)}</th>
                        <td>{m.incoming}</td>
                        <td>{m.outgoingDrafted}</td>
                        <td>{m.outgoingSigned}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </section>
          <section aria-labelledby="times-title">
            <h2 id="times-title">{t('stats.times')}</h2>
            <div class="cards">
              <Median label={t('stats.toFirst')} m={s.toFirstDisposition} />
              <Median label={t('stats.toDone')} m={s.toCompletion} />
            </div>
          </section>
          <section class="card" aria-labelledby="overdue-title">
            <h2 id="overdue-title">{t('stats.overdue')}</h2>
            {overdue.length ? (
              <HorizontalBars
                title={t('stats.overdue')}
                tone="tone-overdue"
                rows={overdue.map((o) => ({ label: unitName(units, o.unitCode), value: o.overdue }))}
              />
            ) : (
              <p class="muted">{t('stats.noOverdue')}</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
};
