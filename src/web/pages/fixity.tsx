import { get, post } from '../api.ts';
import { fixityProblems } from '../components/fixity-warning.tsx';
import { RecordItems, useAct } from '../components/records-bits.tsx';
import { ErrorBox, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { bytes, dateTime } from '../format.ts';
import { useLoad, usePoll, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { FixityRun } from '../records-types.ts';
import { officeName, useSession } from '../session.tsx';

/** The last run's findings: every changed or missing original, by its record. */
const Findings = ({ run }: { run: FixityRun }) => (
  <>
    {(['mismatched', 'missing'] as const).map((kind) =>
      run[kind].length ? (
        <section key={kind} aria-labelledby={`fixity-${kind}`}>
          <h3 id={`fixity-${kind}`}>{t(`fixity.${kind}`, { n: run[kind].length })}</h3>
          <RecordItems ids={run[kind]} label={t(`fixity.${kind}`, { n: run[kind].length })} />
        </section>
      ) : null,
    )}
  </>
);

/**
 * Keutuhan arsip (fixity): every stored original is hashed again on a schedule and compared with
 * the SHA-256 taken when it was archived. The last run, what it found, and a run on demand that
 * the page follows until it is done.
 */
export const FixityPage = () => {
  const { units } = useSession();
  useTitle(t('fixity.title'), officeName(units));
  const last = useLoad((signal) => get<FixityRun | null>('/fixity', { signal }), []);
  const run = last.data;
  usePoll(
    async () => {
      const fresh = await get<FixityRun | null>('/fixity');
      if (fresh) last.setData(fresh);
      return fresh?.status === 'running';
    },
    1000,
    run?.status === 'running',
  );
  const start = useAct();

  return (
    <>
      <PageTitle>{t('fixity.title')}</PageTitle>
      <p>{t('fixity.intro')}</p>
      <ErrorBox error={last.error} onRetry={last.reload} />
      {last.loading && last.data === undefined ? <Loading /> : null}
      <section class="card" aria-labelledby="fixity-last">
        <h2 id="fixity-last">{t('fixity.last')}</h2>
        {run === null ? <p>{t('fixity.never')}</p> : null}
        {run ? (
          <>
            <dl class="act-facts" aria-live="polite">
              <dt>{t('acts.state')}</dt>
              <dd>
                <span class={`badge badge-fixity-${run.status}`}>{t(`fixity.status.${run.status}`)}</span> {t(`fixity.trigger.${run.trigger}`)}
              </dd>
              <dt>{t('fixity.started')}</dt>
              <dd>{dateTime(run.at)}</dd>
              {run.finishedAt ? (
                <>
                  <dt>{t('fixity.finished')}</dt>
                  <dd>{dateTime(run.finishedAt)}</dd>
                </>
              ) : null}
              <dt>{t('fixity.checked')}</dt>
              {/* The total counts every record when the run began; destroyed and handed-over ones have no bytes to check. */}
              <dd>
                {run.status === 'done'
                  ? t('fixity.checkedAll', { checked: run.checked, size: bytes(run.checkedBytes) })
                  : t('fixity.checkedOf', { checked: run.checked, total: run.total, size: bytes(run.checkedBytes) })}
              </dd>
              <dt>{t('fixity.ok')}</dt>
              <dd>{run.ok}</dd>
              <dt>{t('fixity.problems')}</dt>
              <dd>{t('fixity.problemsOf', { mismatched: run.mismatched.length, missing: run.missing.length })}</dd>
            </dl>
            {run.status === 'done' && fixityProblems(run) === 0 ? <Notice tone="ok">{t('fixity.allGood', { n: run.ok })}</Notice> : null}
            {fixityProblems(run) > 0 ? <Notice tone="warn">{t('fixity.restore')}</Notice> : null}
            <Findings run={run} />
          </>
        ) : null}
        <ErrorBox error={start.error} />
        <p>
          <button
            type="button"
            class="btn btn-primary"
            disabled={start.busy || run?.status === 'running'}
            onClick={() => void start.run(async () => last.setData(await post<FixityRun>('/fixity/run')))}
          >
            {run?.status === 'running' ? t('fixity.running') : t('fixity.runNow')}
          </button>
        </p>
      </section>
    </>
  );
};
