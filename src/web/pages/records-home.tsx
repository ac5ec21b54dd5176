import { DisposalItems, RecordsFigures, RecordsOverviewState, useRecordsOverview } from '../components/records-overview.tsx';
import { PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { DueRow } from '../records-summary.ts';
import type { FinalDisposition } from '../records-types.ts';
import { Link } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';

const ENDS: FinalDisposition[] = ['destroy', 'permanent', 'review'];

/** A count that opens the due list filtered to it (nothing to open for a zero). */
const DueCount = ({ n, unitCode, end }: { n: number; unitCode: string; end: FinalDisposition | '' }) => {
  if (n === 0) return <>0</>;
  const q = new URLSearchParams([...(unitCode ? [['unitCode', unitCode]] : []), ...(end ? [['finalDisposition', end]] : [])]).toString();
  return <Link href={`/records/due${q ? `?${q}` : ''}`}>{n}</Link>;
};

const DueLine = ({ r, name }: { r: DueRow; name: string }) => (
  <>
    <th scope="row">{name}</th>
    {ENDS.map((end) => (
      <td key={end} class="num">
        <DueCount n={r[end]} unitCode={r.unitCode} end={end} />
      </td>
    ))}
    <td class="num">
      <DueCount n={r.total} unitCode={r.unitCode} end="" />
    </td>
  </>
);

/**
 * The archivist's desk (arsiparis; admins too): what is due per unit and what its schedule says
 * at the end, what waits unclassified, the holds in force, disposals waiting and transfers
 * prepared, and the ways to each list.
 */
export const RecordsHomePage = () => {
  const { units } = useSession();
  useTitle(t('records.title'), officeName(units));
  const overview = useRecordsOverview();
  return (
    <>
      <PageTitle>{t('records.title')}</PageTitle>
      <p>{t('records.intro')}</p>
      <RecordsOverviewState overview={overview}>
        {(o) => (
          <>
            <RecordsFigures o={o} />
            <section class="card" aria-labelledby="due-units-title">
              <h2 id="due-units-title">{t('records.dueByUnit')}</h2>
              {o.due.length === 0 ? (
                <p class="muted">{t('due.none')}</p>
              ) : (
                <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="due-units-title">
                  <table class="table">
                    <thead>
                      <tr>
                        <th scope="col">{t('doc.unit')}</th>
                        {ENDS.map((end) => (
                          <th key={end} scope="col" class="num">
                            {t(`classes.final.${end}`)}
                          </th>
                        ))}
                        <th scope="col" class="num">
                          {t('records.total')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.due.map((r) => (
                        <tr key={r.unitCode}>
                          <DueLine r={r} name={unitName(units, r.unitCode)} />
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <DueLine r={o.dueTotal} name={t('records.allUnits')} />
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
            </section>
            <div class="two-col">
              <section class="card" aria-labelledby="waiting-disposals-title">
                <h2 id="waiting-disposals-title">{t('records.disposalsWaiting')}</h2>
                {o.proposed.items.length + o.approved.items.length === 0 ? <p class="muted">{t('disposals.none')}</p> : null}
                <DisposalItems items={[...o.approved.items, ...o.proposed.items]} />
              </section>
              <section class="card" aria-labelledby="prepared-transfers-title">
                <h2 id="prepared-transfers-title">{t('records.transfersPrepared')}</h2>
                {o.transfers.items.length === 0 ? <p class="muted">{t('transfers.none')}</p> : null}
                <ul class="mini-list">
                  {o.transfers.items.map((x) => (
                    <li key={x.id}>
                      <Link href={`/transfers/${x.id}`}>{x.recipient}</Link>
                      <br />
                      <span class="small muted">
                        {t('records.nRecords', { n: x.items })} · {dateTime(x.createdAt)}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          </>
        )}
      </RecordsOverviewState>
      <section aria-labelledby="records-more-title">
        <h2 id="records-more-title">{t('home.quick')}</h2>
        <ul class="quick-links">
          <li>
            <Link href="/holds">{t('holds.title')}</Link>
          </li>
          <li>
            <Link href="/disposals">{t('disposals.title')}</Link>
          </li>
          <li>
            <Link href="/transfers">{t('transfers.title')}</Link>
          </li>
          <li>
            <Link href="/fixity">{t('fixity.title')}</Link>
          </li>
          <li>
            <Link href="/admin/classifications">{t('classes.title')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
};
