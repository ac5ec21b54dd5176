import { get } from '../api.ts';
import { dateOnly, dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { label, type MessageKey, t } from '../i18n.ts';
import type { Corrections } from '../types.ts';
import { ActorName, useActorNames } from './actors.tsx';
import { ErrorBox, Loading } from './ui.tsx';

/** A stored value as a reader says it: days and instants in the office's format, sifat by name. */
const shown = (field: string, v: unknown): string => {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('fix.empty');
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v !== 'string') return String(v);
  if (field === 'urgency') return label('urgency', v);
  if (field === 'securityLevel') return label('level', v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return dateOnly(v);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return dateTime(v);
  return v;
};

/**
 * The corrections of a letter or a document (issue 18), newest first: who, when, why, and each
 * changed field as it was and as it became, so nothing typed at registration is lost from view.
 * `path` is the API's …/corrections; `labels` names the fields as the page's form does.
 */
export const CorrectionHistory = ({ path, refreshKey, labels }: { path: string; refreshKey: string; labels: Record<string, MessageKey> }) => {
  const data = useLoad((signal) => get<Corrections>(path, { signal }), [path, refreshKey]);
  const items = [...(data.data?.corrections ?? [])].reverse();
  const names = useActorNames(items.map((c) => c.actorId));
  return (
    <section class="card fix-history" aria-labelledby="fix-history-title">
      <h2 id="fix-history-title">{t('fix.history')}</h2>
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorBox error={data.error} onRetry={data.reload} />
      {data.data && items.length === 0 ? <p class="muted">{t('fix.historyEmpty')}</p> : null}
      {items.length ? (
        <ol class="timeline">
          {items.map((c) => (
            <li key={`${c.version}-${c.at}`}>
              <p>
                <strong>{t('fix.version', { n: c.version ?? '?' })}</strong> · <time dateTime={c.at}>{dateTime(c.at)}</time> {t('fix.by')}{' '}
                <ActorName id={c.actorId} names={names} />
              </p>
              {c.reason ? <p class="small">{t('fix.why', { reason: c.reason })}</p> : null}
              <ul class="fix-changes">
                {c.changed.map((f) => (
                  <li key={f}>
                    {labels[f] ? t(labels[f]) : f}: {t('fix.was')} <del>{shown(f, c.before[f])}</del> {t('fix.now')} <ins>{shown(f, c.after[f])}</ins>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
};
