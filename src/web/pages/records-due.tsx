import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { type RecordAct, RecordActForm } from '../components/record-act-form.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Day } from '../components/records-bits.tsx';
import { ErrorBox, Field, Loading, Pager, PageTitle } from '../components/ui.tsx';
import { UnitSelect } from '../components/unit-select.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { FINAL_DISPOSITIONS } from '../operations-types.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { DocumentMeta, Page } from '../types.ts';

const LIMIT = 50;

/**
 * Records whose retention has ended (jatuh tempo) and that no hold keeps, oldest first, by unit
 * and by what their schedule says at the end: choose some (or all on the page) and propose
 * their disposal, prepare their transfer, or hold them.
 */
export const RecordsDuePage = () => {
  const { user, units } = useSession();
  useTitle(t('due.title'), officeName(units));
  const loc = useLocation();
  const unitCode = loc.query.get('unitCode') ?? '';
  const end = loc.query.get('finalDisposition') ?? '';
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad(
    (signal) => get<Page<DocumentMeta>>('/records/due', { query: { unitCode, finalDisposition: end, page, limit: LIMIT }, signal }),
    [loc.href],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Another page or filter: what was chosen is out of sight, so it is let go.
  useEffect(() => setChosen(new Set()), [loc.href]);
  const go = (changes: Record<string, string | number | undefined>) => navigate(`/records/due${withParams(loc.query, { page: undefined, ...changes })}`);
  const items = list.data?.items ?? [];
  const all = items.length > 0 && items.every((d) => chosen.has(d.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  // Archivists propose and prepare (the server says so too); admins and auditors may only hold.
  const acts: RecordAct[] = hasRole(user, 'archivist') ? ['disposal', 'transfer', 'hold'] : ['hold'];

  return (
    <>
      <PageTitle>{t('due.title')}</PageTitle>
      <p>{t('due.intro')}</p>
      <div class="filters">
        <Field label={t('doc.unit')}>
          {(p) => <UnitSelect {...p} value={unitCode} emptyLabel={t('users.allUnits')} onChange={(v) => go({ unitCode: v })} />}
        </Field>
        <Field label={t('classes.final')}>
          {(p) => (
            <select {...p} value={end} onChange={(e) => go({ finalDisposition: e.currentTarget.value })}>
              <option value="">{t('due.allEnds')}</option>
              {FINAL_DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`classes.final.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <p class="muted" aria-live="polite">
          {t('due.count', { n: list.data.total })}
        </p>
      ) : null}
      {items.length ? (
        <DataTable
          label={t('due.title')}
          items={items}
          busy={list.loading}
          columns={[
            {
              head: (
                <label class="check">
                  <input type="checkbox" checked={all} onChange={(e) => setChosen(e.currentTarget.checked ? new Set(items.map((d) => d.id)) : new Set())} />
                  <span class="sr-only">{t('due.chooseAll')}</span>
                </label>
              ),
              cell: (d) => (
                <input
                  type="checkbox"
                  aria-label={t('due.choose', { title: d.title })}
                  checked={chosen.has(d.id)}
                  onChange={(e) => toggle(d.id, e.currentTarget.checked)}
                />
              ),
            },
            { head: t('records.record'), cell: (d) => <Link href={`/documents/${d.id}`}>{d.title || d.id}</Link>, class: 'wrap record-title' },
            { head: t('doc.classificationCode'), cell: (d) => d.retention.classificationCode },
            { head: t('retention.recordDate'), cell: (d) => <Day ymd={d.retention.recordDate} /> },
            { head: t('retention.inactiveUntil'), cell: (d) => <Day ymd={d.retention.inactiveUntil} /> },
            { head: t('classes.final'), cell: (d) => (d.retention.finalDisposition ? t(`classes.final.${d.retention.finalDisposition}`) : t('doc.none')) },
            { head: t('doc.unit'), cell: (d) => unitName(units, d.unitCode) },
          ]}
        />
      ) : list.data ? (
        <p>{t('due.none')}</p>
      ) : null}
      {list.data ? (
        <Pager page={page} total={list.data.total} limit={LIMIT} onPage={(p) => navigate(`/records/due${withParams(loc.query, { page: p })}`)} />
      ) : null}
      {items.length ? (
        <section class="card" aria-labelledby="due-act-title">
          <h2 id="due-act-title">{t('due.act', { n: chosen.size })}</h2>
          {chosen.size ? <RecordActForm ids={[...chosen]} acts={acts} /> : <p class="muted">{t('due.chooseFirst')}</p>}
        </section>
      ) : null}
    </>
  );
};
