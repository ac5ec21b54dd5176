import { get } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { AuditEntry, Page } from '../types.ts';
import { ActorName, useActorNames } from './actors.tsx';
import { ErrorBox, Loading } from './ui.tsx';

/** What happened to one document, from the audit trail (auditors and admins). */
export const DocumentHistory = ({ documentId, refreshKey }: { documentId: string; refreshKey: string }) => {
  const entries = useLoad((signal) => get<Page<AuditEntry>>('/audit', { query: { documentId, limit: 100 }, signal }), [documentId, refreshKey]);
  const names = useActorNames(entries.data?.items.map((e) => e.actorId) ?? []);
  return (
    <section class="card doc-history" aria-labelledby="history-title">
      <h2 id="history-title">{t('doc.history')}</h2>
      {entries.loading && !entries.data ? <Loading /> : null}
      <ErrorBox error={entries.error} onRetry={entries.reload} />
      {entries.data ? (
        entries.data.items.length ? (
          <ol class="timeline">
            {entries.data.items.map((e) => (
              <li key={e.seq}>
                <time dateTime={e.at}>{dateTime(e.at)}</time> <code>{e.action}</code> — <ActorName id={e.actorId} names={names} />
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t('doc.historyEmpty')}</p>
        )
      ) : null}
    </section>
  );
};
