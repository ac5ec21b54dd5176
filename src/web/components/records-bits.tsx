import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../api.ts';
import { dateOnly } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { refusedRecords } from '../refusals.ts';
import type { DisposalStatus, RecordItemState, RetentionPhase, TransferStatus } from '../records-types.ts';
import { Link } from '../router.tsx';
import type { DocumentMeta } from '../types.ts';
import { ErrorBox } from './ui.tsx';

export const PhaseBadge = ({ phase }: { phase: RetentionPhase | null }) => (
  <span class={`badge badge-phase-${phase ?? 'none'}`}>{phase ? t(`records.phase.${phase}`) : t('records.phase.none')}</span>
);

export const DisposalBadge = ({ status }: { status: DisposalStatus }) => <span class={`badge badge-act-${status}`}>{t(`disposals.status.${status}`)}</span>;

export const TransferBadge = ({ status }: { status: TransferStatus }) => <span class={`badge badge-act-${status}`}>{t(`transfers.status.${status}`)}</span>;

/** A calendar date, or the dash when there is none. */
export const Day = ({ ymd }: { ymd: string | null | undefined }) => (ymd ? <time dateTime={ymd}>{dateOnly(ymd)}</time> : t('doc.none'));

/**
 * An act's busy state and failure: `run` does one request at a time (a second click while the
 * first is under way does nothing) and keeps what went wrong for the page to show.
 */
export const useAct = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
};

/** Titles of records an act names (the first SHOWN of them: an act may name thousands). */
const SHOWN = 100;
const useTitles = (ids: string[]) =>
  useLoad(
    async (signal) => {
      const out = new Map<string, DocumentMeta>();
      // Four at a time: each read is one request (and an audit entry for restricted records).
      const queue = ids.slice(0, SHOWN);
      const lane = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const d = await get<DocumentMeta>(`/documents/${encodeURIComponent(id)}`, { signal }).catch((e: unknown) => {
            if (signal.aborted) throw e;
            return null;
          });
          if (d) out.set(id, d);
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return out;
    },
    [ids.join(',')],
  );

/** The records of a hold, disposal or transfer: each a link by its title, with its code, date and (for a disposal) what became of it. */
export const RecordItems = ({ ids, states, label: name }: { ids: string[]; states?: Map<string, RecordItemState>; label: string }) => {
  const titles = useTitles(ids);
  return (
    <>
      <ol class="record-items" aria-label={name} aria-busy={titles.loading}>
        {ids.slice(0, SHOWN).map((id) => {
          const d = titles.data?.get(id);
          const state = states?.get(id);
          return (
            <li key={id}>
              <Link href={`/documents/${id}`}>{d?.title || id}</Link>
              {state ? <span class={`badge badge-item-${state}`}>{t(`disposals.item.${state}`)}</span> : null}
              {d ? (
                <span class="small muted">
                  {' '}
                  · {d.retention.classificationCode ?? t('records.phase.unclassified')} · <Day ymd={d.retention.recordDate} />
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {ids.length > SHOWN ? <p class="small muted">{t('records.moreItems', { n: ids.length - SHOWN })}</p> : null}
    </>
  );
};

/**
 * A records act that failed: the records the server refused, each by its title with why in the
 * reader's language; any other failure as usual, a conflict said as a change meanwhile.
 */
export const ActError = ({ error }: { error: unknown }) => {
  const refused = error instanceof ApiError && error.status === 422 ? refusedRecords(error.errors, t) : [];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refused.length) ref.current?.focus();
  }, [error]);
  // In a records act, `name` is the hold's and `recipient` the archive institution.
  if (!refused.length)
    return <ErrorBox error={error} headlines={{ 409: 'problem.409.act' }} labels={{ name: 'holds.name', recipient: 'transfers.recipient' }} />;
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p class="problem-headline">{t('refused.title', { n: refused.length })}</p>
      <ul class="refused">
        {refused.map((r, i) => (
          <li key={r.documentId ?? i}>
            {r.documentId ? <Link href={`/documents/${r.documentId}`}>{r.title || r.documentId}</Link> : null}
            {r.documentId ? ': ' : null}
            {r.why}
          </li>
        ))}
      </ul>
      <p>{t('refused.nothingDone')}</p>
    </div>
  );
};
