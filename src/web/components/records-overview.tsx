import type { ComponentChildren } from 'preact';
import { get } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { summarise } from '../records-summary.ts';
import type { Disposal, Hold, RetentionCount, Transfer } from '../records-types.ts';
import { Link } from '../router.tsx';
import type { Page } from '../types.ts';
import { DisposalBadge } from './records-bits.tsx';
import { ErrorBox, Loading } from './ui.tsx';

const SHOWN = 5;

/**
 * What the archivist's desk counts: records by phase (from the summary), open holds, disposals
 * waiting for a decision or for execution, transfers prepared and not yet confirmed.
 */
export const useRecordsOverview = () =>
  useLoad(async (signal) => {
    const list = <T,>(path: string, query: Record<string, string>) => get<Page<T>>(path, { query: { ...query, limit: SHOWN }, signal });
    const [summary, holds, proposed, approved, transfers] = await Promise.all([
      get<{ counts: RetentionCount[] }>('/records/summary', { signal }),
      list<Hold>('/holds', { open: 'true' }),
      list<Disposal>('/disposals', { status: 'proposed' }),
      list<Disposal>('/disposals', { status: 'approved' }),
      list<Transfer>('/transfers', { status: 'prepared' }),
    ]);
    return { ...summarise(summary.counts), holds, proposed, approved, transfers };
  }, []);

export type RecordsOverviewData = NonNullable<ReturnType<typeof useRecordsOverview>['data']>;

const Figure = ({ title, value, href, children }: { title: string; value: number; href: string; children?: ComponentChildren }) => (
  <section class="card figure" aria-label={title}>
    <h3>{title}</h3>
    <p class="figure-value">{value}</p>
    {children}
    <p class="small">
      <Link href={href}>{t('home.all')} →</Link>
    </p>
  </section>
);

/** The counts as cards, each a way into its list. */
export const RecordsFigures = ({ o }: { o: RecordsOverviewData }) => (
  <div class="cards">
    <Figure title={t('records.due')} value={o.dueTotal.total} href="/records/due">
      <p class="small muted">{t('records.dueSplit', { destroy: o.dueTotal.destroy, permanent: o.dueTotal.permanent, review: o.dueTotal.review })}</p>
    </Figure>
    <Figure title={t('records.unclassified')} value={o.byPhase.unclassified} href="/records/unclassified" />
    <Figure title={t('records.holdsOpen')} value={o.holds.total} href="/holds" />
    <Figure title={t('records.disposalsWaiting')} value={o.proposed.total + o.approved.total} href="/disposals">
      <p class="small muted">{t('records.disposalsSplit', { proposed: o.proposed.total, approved: o.approved.total })}</p>
    </Figure>
    <Figure title={t('records.transfersPrepared')} value={o.transfers.total} href="/transfers?status=prepared" />
  </div>
);

/** The overview loaded, or what stands in its place while it loads or when it failed. */
export const RecordsOverviewState = ({
  overview,
  children,
}: {
  overview: ReturnType<typeof useRecordsOverview>;
  children: (o: RecordsOverviewData) => ComponentChildren;
}) => (
  <>
    {overview.loading && !overview.data ? <Loading /> : null}
    <ErrorBox error={overview.error} onRetry={overview.reload} />
    {overview.data ? children(overview.data) : null}
  </>
);

/** On an archivist's home: the desk's counts and the way to it. */
export const RecordsDesk = () => {
  const overview = useRecordsOverview();
  return (
    <section aria-labelledby="records-desk-title">
      <h2 id="records-desk-title">{t('records.desk')}</h2>
      <RecordsOverviewState overview={overview}>{(o) => <RecordsFigures o={o} />}</RecordsOverviewState>
      <p>
        <Link href="/records">{t('records.open')} →</Link>
      </p>
    </section>
  );
};

/** Proposed disposals an official may decide on: of their units, proposed by someone else. */
export const loadDisposalsToDecide = async (me: string, signal: AbortSignal): Promise<Page<Disposal>> => {
  const page = await get<Page<Disposal>>('/disposals', { query: { status: 'proposed', limit: 50 }, signal });
  const items = page.items.filter((d) => d.proposedBy !== me);
  return { ...page, items, total: page.total - (page.items.length - items.length) };
};

export const DisposalItems = ({ items }: { items: Disposal[] }) => (
  <ul class="mini-list">
    {items.map((d) => (
      <li key={d.id}>
        <Link href={`/disposals/${d.id}`}>{d.reason}</Link> <DisposalBadge status={d.status} />
        <br />
        <span class="small muted">
          {t('records.nRecords', { n: typeof d.items === 'number' ? d.items : d.items.length })} · {dateTime(d.proposedAt)}
        </span>
      </li>
    ))}
  </ul>
);
