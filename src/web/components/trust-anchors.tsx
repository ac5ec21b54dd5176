import { useState } from 'preact/hooks';
import { del, get, post } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad, useSuccess } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { TrustAnchor, TrustAnchorsAdded } from '../signing-types.ts';
import { CERT_LABELS } from './certificate-forms.tsx';
import { ErrorBox, Field, Loading, Notice } from './ui.tsx';

/** The subject's common name, for lists and questions (the whole subject stays in the table). */
const commonName = (subject: string) => /CN=([^,]+)/.exec(subject)?.[1]?.trim() ?? subject;

/**
 * The roots a signature may lead to: the office root (not removable here) and the ones an admin
 * added; pasting PEM text adds one or a bundle, removing asks first.
 */
export const TrustAnchors = ({ version }: { version: number }) => {
  const list = useLoad((signal) => get<{ items: TrustAnchor[] }>('/signing/trust-anchors', { signal }), [version]);
  const [pem, setPem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useSuccess<string>();

  const run = async (work: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const add = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const out = await post<TrustAnchorsAdded>('/signing/trust-anchors', { pem });
      setPem('');
      return [t('certs.anchorAdded', { n: out.added.length }), out.alreadyTrusted ? t('certs.anchorAlready', { n: out.alreadyTrusted }) : ''].join(' ').trim();
    });
  };
  const remove = (a: TrustAnchor) => {
    if (!window.confirm(t('certs.removeConfirm', { subject: commonName(a.subject) }))) return;
    void run(async () => {
      await del(`/signing/trust-anchors/${a.sha256}`);
      return t('certs.removed');
    });
  };

  return (
    <section class="card" aria-labelledby="anchors-title">
      <h2 id="anchors-title">{t('certs.anchors')}</h2>
      <p>{t('certs.anchorsIntro')}</p>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data && !list.data.items.length ? <p>{t('certs.anchorsNone')}</p> : null}
      {list.data?.items.length ? (
        <ul class="anchor-list">
          {list.data.items.map((a) => (
            <li key={a.sha256}>
              <strong class="wrap">{commonName(a.subject)}</strong>
              {a.office ? <span class="badge badge-ready">{t('certs.officeRoot')}</span> : null}
              <br />
              <span class="small wrap">{a.subject}</span>
              <br />
              <span class="small">
                {t('certs.validUntil')}: {dateTime(a.notAfter)}
              </span>
              <br />
              <code class="hash">{a.sha256}</code>
              {a.office ? null : (
                <div>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    disabled={busy}
                    aria-label={`${t('certs.remove')}: ${commonName(a.subject)}`}
                    onClick={() => remove(a)}
                  >
                    {t('certs.remove')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={add}>
        <ErrorBox error={error} labels={CERT_LABELS} />
        <Field label={t('certs.pem')} hint={t('certs.pemHint')} required>
          {(p) => <textarea {...p} name="pem" rows={6} spellcheck={false} class="pem" value={pem} onInput={(e) => setPem(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="btn btn-primary" disabled={busy || !pem.trim()}>
          {t('certs.anchorAdd')}
        </button>
      </form>
    </section>
  );
};
