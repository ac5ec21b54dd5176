import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { SignFields } from '../components/sign-fields.tsx';
import { ErrorBox, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { kindText } from '../problem-text.ts';
import { Link } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { OutgoingLetter, Page } from '../types.ts';

interface BatchResult {
  id: string;
  status: 'signed' | 'failed';
  letterNumber?: string;
  /** English for operators; `kind` says it in the UI's words. */
  error?: string;
  kind?: string;
}

/**
 * The signer's queue (issue 13): the approved letters waiting for their signature, chosen with
 * checkboxes and signed together with one PIN and one code; then a line per letter saying its
 * number or why it was not signed.
 */
export const OutgoingSignQueuePage = () => {
  const { user, units } = useSession();
  useTitle(t('queue.title'), officeName(units));
  const list = useLoad((signal) => get<Page<OutgoingLetter>>('/letters/outgoing', { query: { waitingFor: 'me', limit: 100 }, signal }), []);
  const letters = (list.data?.items ?? []).filter((l) => l.status === 'approved' && l.signerId === user.id);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [asking, setAsking] = useState(false);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<{ letter: OutgoingLetter | undefined; r: BatchResult }[] | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const report = useRef<HTMLElement>(null);
  useEffect(() => {
    if (asking) dialog.current?.showModal?.();
    else dialog.current?.close?.();
  }, [asking]);
  useEffect(() => {
    if (results) report.current?.focus();
  }, [results]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const ids = letters.filter((l) => chosen.has(l.id)).map((l) => l.id);
      const out = await post<{ results: BatchResult[] }>('/letters/outgoing/sign-batch', { letterIds: ids, pin, totp: code.trim() });
      setResults(out.results.map((r) => ({ r, letter: letters.find((l) => l.id === r.id) })));
      setChosen(new Set());
      setAsking(false);
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setPin('');
      setCode('');
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t('queue.title')}</PageTitle>
      <p>{t('queue.intro')}</p>
      {results ? (
        <section class="card" aria-labelledby="queue-report" tabIndex={-1} ref={report}>
          <h2 id="queue-report">{t('queue.report', { ok: results.filter((x) => x.r.status === 'signed').length, n: results.length })}</h2>
          <ul class="queue-report">
            {results.map(({ r, letter }) => (
              <li key={r.id} class={r.status === 'signed' ? 'ok' : 'failed'}>
                <Link href={`/outgoing/${r.id}`}>{letter?.subject ?? r.id}</Link>:{' '}
                {r.status === 'signed' ? (
                  <strong>{t('queue.signedAs', { n: r.letterNumber ?? '' })}</strong>
                ) : (
                  <span>{t('queue.failed', { why: kindText(r.kind, t) })}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="card" aria-labelledby="queue-list" aria-busy={list.loading}>
        <h2 id="queue-list">{t('queue.waiting', { n: letters.length })}</h2>
        {list.loading && !list.data ? <Loading /> : null}
        <ErrorBox error={list.error} onRetry={list.reload} />
        {list.data && !letters.length ? <p class="muted">{t('queue.empty')}</p> : null}
        {letters.length ? (
          <>
            <p>
              <label class="check">
                <input
                  type="checkbox"
                  checked={chosen.size === letters.length}
                  onChange={(e) => setChosen(e.currentTarget.checked ? new Set(letters.map((l) => l.id)) : new Set())}
                />{' '}
                {t('queue.all')}
              </label>
            </p>
            <ul class="queue-list">
              {letters.map((l) => (
                <li key={l.id}>
                  <label class="check">
                    <input type="checkbox" checked={chosen.has(l.id)} onChange={(e) => toggle(l.id, e.currentTarget.checked)} /> {l.subject}
                  </label>{' '}
                  <span class="small muted">· {l.recipient} · </span>
                  <Link href={`/outgoing/${l.id}`} class="small">
                    {t('queue.read')}
                    <span class="sr-only">: {l.subject}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <button type="button" class="btn btn-primary" disabled={chosen.size === 0} onClick={() => setAsking(true)}>
              {t('queue.signChosen')}
            </button>
          </>
        ) : null}
      </section>
      <dialog ref={dialog} aria-labelledby="queue-dialog-title" onClose={() => setAsking(false)} class="card queue-dialog">
        <form onSubmit={submit}>
          <h2 id="queue-dialog-title">{t('queue.dialogTitle', { n: chosen.size })}</h2>
          <p>{t('sign.intro')}</p>
          <SignFields pin={pin} code={code} onPin={setPin} onCode={setCode} error={error} />
          <p aria-live="polite">{busy ? t('queue.busy') : ''}</p>
          <p class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy || !pin || !code.trim()}>
              {t('queue.submit', { n: chosen.size })}
            </button>{' '}
            <button type="button" class="btn" disabled={busy} onClick={() => setAsking(false)}>
              {t('queue.cancel')}
            </button>
          </p>
        </form>
      </dialog>
      {chosen.size === 0 && !results && letters.length ? <Notice>{t('queue.choose')}</Notice> : null}
    </>
  );
};
