import { get } from '../api.ts';
import type { BackupPage, BackupRun } from '../backup-types.ts';
import { BackupWarning } from '../components/backup-warning.tsx';
import { ListTable } from '../components/list-table.tsx';
import { Pager, PageTitle } from '../components/ui.tsx';
import { bytes, dateTime, num } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Failure } from '../components/failure.tsx';
import { navigate, useLocation, withParams } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';

const LIMIT = 20;

const duration = (ms: number | null): string => {
  if (ms === null) return '—';
  const s = ms / 1000;
  const tenths = num(s);
  return s < 60 ? t('backups.seconds', { n: tenths }) : t('backups.minutes', { m: Math.floor(s / 60), s: Math.round(s % 60) });
};

const StateBadge = ({ run }: { run: BackupRun }) => {
  const tone = run.state === 'succeeded' && run.warnings.length === 0 ? 'ready' : run.state === 'running' ? 'processing' : 'failed';
  return <span class={`badge badge-${tone}`}>{label('backups.state', run.state)}</span>;
};

const Size = ({ run }: { run: BackupRun }) =>
  run.bytes === null ? (
    <>—</>
  ) : (
    <>
      {bytes(run.bytes)}
      {run.newBytes !== null ? (
        <>
          <br />
          <span class="small muted">{t('backups.newBytes', { size: bytes(run.newBytes) })}</span>
        </>
      ) : null}
    </>
  );

/** The office's backups (admins): how they are set up, a warning when the last good one is too old, the latest runs. */
export const AdminBackupsPage = () => {
  const { units } = useSession();
  useTitle(t('backups.title'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad((signal) => get<BackupPage>('/backups', { query: { page, limit: LIMIT }, signal }), [page]);
  const s = list.data?.settings;

  return (
    <>
      <PageTitle>{t('backups.title')}</PageTitle>
      <p>{t('backups.intro')}</p>
      {list.data ? <BackupWarning page={list.data} /> : null}
      {s ? (
        <ul class="mini-list">
          <li>{s.directory ? t('backups.scheduled', { hours: s.intervalHours, dir: s.directory, keep: s.keep }) : t('backups.notScheduled')}</li>
          <li>{s.encrypted ? t('backups.encrypted') : t('backups.notEncrypted')}</li>
        </ul>
      ) : null}
      <h2>{t('backups.list')}</h2>
      <ListTable
        list={list}
        label={t('backups.list')}
        empty={t('backups.none')}
        head={
          <>
            <th scope="col">{t('backups.started')}</th>
            <th scope="col">{t('backups.result')}</th>
            <th scope="col">{t('backups.size')}</th>
            <th scope="col">{t('backups.duration')}</th>
            <th scope="col">{t('backups.trigger')}</th>
            <th scope="col">{t('backups.details')}</th>
          </>
        }
        row={(r) => (
          <tr key={r.id}>
            <td>{dateTime(r.startedAt)}</td>
            <td>
              <StateBadge run={r} />
            </td>
            <td>
              <Size run={r} />
            </td>
            <td>{duration(r.durationMs)}</td>
            <td>{label('backups.trigger', r.trigger)}</td>
            <td class="details">
              {r.name ? <code>{r.name}</code> : null}
              {r.warnings.length ? <div>{t('backups.warnings', { n: r.warnings.length })}</div> : null}
              {r.error ? (
                <div>
                  <Failure code={r.errorCode} detail={r.error} operator />
                </div>
              ) : null}
            </td>
          </tr>
        )}
      />
      {list.data ? (
        <Pager page={page} total={list.data.total} limit={LIMIT} onPage={(p) => navigate(`/admin/backups${withParams(loc.query, { page: p })}`)} />
      ) : null}
    </>
  );
};
