import { useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { ListTable } from '../components/list-table.tsx';
import { ErrorBox, Field, Notice, Pager, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Failure } from '../components/failure.tsx';
import { JOB_STATES, type Job, type JobPage, type JobState } from '../operations-types.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';

const LIMIT = 25;

const subjectText = (job: Job): string => {
  if (!job.subject) return '—';
  if (job.subject.kind === 'batch') return t('jobs.batch', { id: job.subject.id.slice(0, 8) });
  if (job.subject.kind === 'email') return t('jobs.email', { id: job.subject.id.slice(0, 8) });
  if (!job.subject.exists) return t('jobs.gone');
  return job.subject.title ?? t('jobs.hidden');
};

const Subject = ({ job }: { job: Job }) =>
  job.subject?.kind === 'document' && job.subject.title ? (
    <Link href={`/documents/${job.subject.id}`}>{job.subject.title}</Link>
  ) : (
    <span class="muted">{subjectText(job)}</span>
  );

/** One job's retry: busy while the request runs, so a second click cannot send it twice. */
const RetryButton = ({ job, onDone }: { job: Job; onDone: (error: unknown) => void }) => {
  const [busy, setBusy] = useState(false);
  if (!job.retryable) return job.state === 'failed' ? <span class="muted">{t('jobs.notRetryable')}</span> : null;
  return (
    <button
      type="button"
      class="btn"
      disabled={busy}
      aria-label={t('jobs.retryOf', { subject: subjectText(job) })}
      onClick={async () => {
        setBusy(true);
        try {
          await post<Job>(`/jobs/${job.id}/retry`);
          onDone(null);
        } catch (e) {
          onDone(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? t('jobs.retrying') : t('jobs.retry')}
    </button>
  );
};

/** Background jobs: the failed ones first, with their reason and a retry button (admins). */
export const AdminJobsPage = () => {
  const { units } = useSession();
  useTitle(t('jobs.title'), officeName(units));
  const loc = useLocation();
  const state = (JOB_STATES as readonly string[]).includes(loc.query.get('state') ?? '') ? (loc.query.get('state') as JobState) : 'failed';
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad((signal) => get<JobPage>('/jobs', { query: { state, page, limit: LIMIT }, signal }), [state, page]);
  const [outcome, setOutcome] = useState<{ ok: boolean; error: unknown }>({ ok: false, error: null });

  return (
    <>
      <PageTitle>{t('jobs.title')}</PageTitle>
      <p>{t('jobs.intro')}</p>
      {outcome.ok ? <Notice tone="ok">{t('jobs.retried')}</Notice> : null}
      <ErrorBox error={outcome.error} />
      <div class="filters">
        <Field label={t('jobs.state')}>
          {(p) => (
            <select {...p} value={state} onChange={(e) => navigate(`/admin/jobs${withParams(loc.query, { state: e.currentTarget.value, page: undefined })}`)}>
              {JOB_STATES.map((s) => (
                <option key={s} value={s}>
                  {label('jobs.state', s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {list.data ? <p class="muted">{t('jobs.counts', list.data.counts)}</p> : null}
      <ListTable
        list={list}
        label={t('jobs.title')}
        empty={t('jobs.none')}
        head={
          <>
            <th scope="col">{t('jobs.type')}</th>
            <th scope="col">{t('jobs.subject')}</th>
            <th scope="col">{t('jobs.attempts')}</th>
            <th scope="col">{t('jobs.error')}</th>
            <th scope="col">{t('jobs.when')}</th>
            <th scope="col">
              <span class="sr-only">{t('jobs.retry')}</span>
            </th>
          </>
        }
        row={(j) => (
          <tr key={j.id}>
            <td>{label('jobs.type', j.type)}</td>
            <td>
              <Subject job={j} />
            </td>
            <td>
              {j.attempts}/{j.maxAttempts}
            </td>
            <td class="details">{j.lastError ? <Failure code={j.lastErrorCode} detail={j.lastError} operator /> : null}</td>
            <td>{dateTime(j.updatedAt)}</td>
            <td>
              <RetryButton
                job={j}
                onDone={(error) => {
                  setOutcome({ ok: error === null, error });
                  list.reload();
                }}
              />
            </td>
          </tr>
        )}
      />
      {list.data ? (
        <Pager page={page} total={list.data.total} limit={LIMIT} onPage={(p) => navigate(`/admin/jobs${withParams(loc.query, { page: p })}`)} />
      ) : null}
    </>
  );
};
