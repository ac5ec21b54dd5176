import { useState } from 'preact/hooks';
import { API, ApiError, get, post } from '../api.ts';
import { ActorName, useActorNames } from '../components/actors.tsx';
import { ErrorBox, Field, Loading, Notice, Pager, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { AuditEntry, AuditVerification, Checkpoint, Page } from '../types.ts';

const LIMIT = 50;
const FILTERS = ['action', 'documentId', 'actorId', 'from', 'to'] as const;

const Verify = () => {
  const [state, setState] = useState<{ busy: boolean; result: AuditVerification | null; error: unknown }>({ busy: false, result: null, error: null });
  const run = async () => {
    setState({ busy: true, result: null, error: null });
    try {
      setState({ busy: false, result: await get<AuditVerification>('/audit/verify'), error: null });
    } catch (error) {
      setState({ busy: false, result: null, error });
    }
  };
  const r = state.result;
  return (
    <div class="verify">
      <button type="button" class="btn btn-primary" onClick={() => void run()} disabled={state.busy}>
        {t('audit.verify')}
      </button>
      <div aria-live="polite">
        {state.busy ? <p class="muted">{t('audit.verifying')}</p> : null}
        {r?.intact === true ? <Notice tone="ok">{t('audit.intact', { n: r.entries, seq: r.head.seq })}</Notice> : null}
        {r?.intact === false ? <Notice tone="warn">{t('audit.broken', { seq: r.firstBrokenSeq, reason: r.reason, n: r.entries })}</Notice> : null}
      </div>
      <ErrorBox error={state.error} />
    </div>
  );
};

const LatestCheckpoint = () => {
  const latest = useLoad(
    (signal) =>
      get<Checkpoint>('/audit/checkpoints/latest', { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [],
  );
  const [error, setError] = useState<unknown>(null);
  const record = async () => {
    setError(null);
    try {
      latest.setData(await post<Checkpoint>('/audit/checkpoints'));
    } catch (e) {
      setError(e);
    }
  };
  const c = latest.data;
  return (
    <div class="checkpoint">
      <h3>{t('audit.checkpoint')}</h3>
      {latest.loading && c === undefined ? <Loading /> : null}
      <ErrorBox error={latest.error ?? error} />
      {c === null ? <p class="muted">{t('audit.checkpointNone')}</p> : null}
      {c ? (
        <p>
          {t('audit.checkpointAt', { seq: c.seq, at: dateTime(c.at) })}
          <br />
          <code class="hash">{c.hash}</code>
        </p>
      ) : null}
      <button type="button" class="btn" onClick={() => void record()}>
        {t('audit.checkpointNew')}
      </button>
    </div>
  );
};

/** The audit trail: entries with filters, chain verification, checkpoints, export. */
export const AuditPage = () => {
  const { units } = useSession();
  useTitle(t('audit.title'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const [filter, setFilter] = useState(Object.fromEntries(FILTERS.map((k) => [k, loc.query.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>);
  const list = useLoad(
    (signal) => get<Page<AuditEntry>>('/audit', { query: { page, limit: LIMIT, ...Object.fromEntries(FILTERS.map((k) => [k, loc.query.get(k)])) }, signal }),
    [loc.href],
  );
  const names = useActorNames(list.data?.items.map((e) => e.actorId) ?? []);
  const lastPage = list.data ? Math.max(1, Math.ceil(list.data.total / LIMIT)) : 1;

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <section class="card audit-tools" aria-label={t('audit.verify')}>
        <Verify />
        <LatestCheckpoint />
        <p>
          <a class="btn" href={`${API}/audit/export`} download>
            {t('audit.export')}
          </a>
        </p>
      </section>

      <form
        class="filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/audit${withParams(loc.query, { ...filter, page: undefined })}`);
        }}
      >
        <Field label={t('audit.action')} hint={t('audit.actionHint')}>
          {(p) => <input {...p} value={filter.action} onInput={(e) => setFilter({ ...filter, action: e.currentTarget.value.trim() })} />}
        </Field>
        <Field label={t('audit.documentId')}>
          {(p) => <input {...p} value={filter.documentId} onInput={(e) => setFilter({ ...filter, documentId: e.currentTarget.value.trim() })} />}
        </Field>
        <Field label={t('audit.actorId')}>
          {(p) => <input {...p} value={filter.actorId} onInput={(e) => setFilter({ ...filter, actorId: e.currentTarget.value.trim() })} />}
        </Field>
        <Field label={t('search.from')}>
          {(p) => <input {...p} type="date" value={filter.from} onInput={(e) => setFilter({ ...filter, from: e.currentTarget.value })} />}
        </Field>
        <Field label={t('search.to')}>
          {(p) => <input {...p} type="date" value={filter.to} onInput={(e) => setFilter({ ...filter, to: e.currentTarget.value })} />}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn">
            {t('audit.apply')}
          </button>
        </div>
      </form>

      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data ? (
        list.data.items.length ? (
          <>
            {page < lastPage ? (
              <p>
                <Link href={`/audit${withParams(loc.query, { page: lastPage })}`}>{t('audit.newest')} →</Link>
              </p>
            ) : null}
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
              <table class="table audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.seq')}</th>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.actor')}</th>
                    <th scope="col">{t('audit.target')}</th>
                    <th scope="col">{t('audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((e) => (
                    <tr key={e.seq}>
                      <td>{e.seq}</td>
                      <td>
                        <time dateTime={e.at}>{dateTime(e.at)}</time>
                      </td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>
                        <ActorName id={e.actorId} names={names} />
                      </td>
                      <td>
                        {e.targetType === 'document' && e.targetId ? (
                          <Link href={`/documents/${e.targetId}`}>{e.targetType}</Link>
                        ) : (
                          `${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 12)}` : ''}`
                        )}
                      </td>
                      <td class="details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={page}
              total={list.data.total}
              limit={LIMIT}
              onPage={(p) => navigate(`/audit${withParams(loc.query, { page: p > 1 ? p : undefined })}`)}
            />
          </>
        ) : (
          <p>{t('audit.none')}</p>
        )
      ) : null}
    </>
  );
};
