import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t, type MessageKey } from '../i18n.ts';
import { unitName, useSession } from '../session.tsx';
import type { SigningCertificate } from '../signing-types.ts';
import type { User } from '../types.ts';
import { CertificateHistory, CertificateSummary, RevokeForm } from './certificate-details.tsx';
import { ImportForm } from './certificate-forms.tsx';
import { ErrorBox, Loading, Notice } from './ui.tsx';

type Panel = 'import' | 'revoke' | 'history';

const PANEL_TITLES: Record<Panel, MessageKey> = {
  import: 'certs.importTitle',
  revoke: 'certs.revokeTitle',
  history: 'certs.historyTitle',
};
const BUTTONS: Record<Panel, MessageKey> = { import: 'certs.import', revoke: 'certs.revoke', history: 'certs.history' };

/**
 * One official: their latest certificate (the newest of their history, so a revoked one still
 * shows as revoked); a request for a new one from the office CA, which the official makes by
 * choosing their own PIN on their account page (issue 18: the admin never types it); and one
 * panel at a time to import a provider's certificate, revoke or read the history.
 */
export const OfficialCertificate = ({ official, onChanged }: { official: User; onChanged: () => void }) => {
  const { units } = useSession();
  const history = useLoad(
    (signal) => get<{ items: SigningCertificate[] }>(`/users/${encodeURIComponent(official.id)}/certificates`, { signal }),
    [official.id],
  );
  const [open, setOpen] = useState<Panel | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) panelHeading.current?.focus();
  }, [open]);
  useEffect(() => {
    if (message) noticeRef.current?.focus();
  }, [message]);

  const latest = history.data?.items[0];
  // Only a certificate that can still sign is revoked; disabled accounts get none new.
  const revocable = latest !== undefined && latest.status !== 'revoked' && latest.status !== 'replaced';
  const [error, setError] = useState<unknown>(null);
  const [requestedAt, setRequestedAt] = useState(official.certificateRequestedAt);
  const request = async () => {
    setError(null);
    setMessage(null);
    try {
      setRequestedAt((await post<{ requestedAt: string }>(`/users/${encodeURIComponent(official.id)}/certificate-request`)).requestedAt);
      setMessage(t('certs.requested', { name: official.name }));
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const panels: Panel[] = [...(official.disabled ? [] : (['import'] as Panel[])), ...(revocable ? (['revoke'] as Panel[]) : []), 'history'];
  const panelId = `cert-panel-${official.id}`;
  const done = (key: MessageKey) => (c: SigningCertificate) => {
    setOpen(null);
    setMessage(t(key, { name: official.name, serial: c.serial, until: dateTime(c.notAfter) }));
    history.reload();
    onChanged();
  };
  const close = () => setOpen(null);

  return (
    <li class="card cert-card">
      <h3>
        {official.name} <span class="muted small">{official.username}</span>
      </h3>
      <p class="muted small">
        {unitName(units, official.unitCode)}
        {official.disabled ? <span class="badge badge-failed">{t('certs.disabled')}</span> : null}
      </p>
      {message ? (
        <div class="alert alert-ok" role="status" tabIndex={-1} ref={noticeRef}>
          {message}
        </div>
      ) : null}
      {history.loading && !history.data ? <Loading /> : null}
      <ErrorBox error={history.error} onRetry={history.reload} />
      {history.data ? latest ? <CertificateSummary cert={latest} /> : <p>{t('certs.none')}</p> : null}
      {requestedAt ? <Notice>{t('certs.waiting', { at: dateTime(requestedAt) })}</Notice> : null}
      <ErrorBox error={error} />
      <div class="actions">
        {official.disabled || requestedAt ? null : (
          <button type="button" class="btn btn-small btn-primary" aria-label={`${t('certs.request')}: ${official.name}`} onClick={() => void request()}>
            {t('certs.request')}
          </button>
        )}
        {panels.map((p) => (
          <button
            key={p}
            type="button"
            class={`btn btn-small${p === 'revoke' ? ' btn-danger' : ''}`}
            aria-expanded={open === p}
            aria-controls={panelId}
            aria-label={`${t(BUTTONS[p])}: ${official.name}`}
            onClick={() => {
              setMessage(null);
              setOpen(open === p ? null : p);
            }}
          >
            {t(BUTTONS[p])}
          </button>
        ))}
      </div>
      {open ? (
        <section id={panelId} class="cert-panel" aria-labelledby={`${panelId}-title`}>
          <h4 id={`${panelId}-title`} tabIndex={-1} ref={panelHeading}>
            {t(PANEL_TITLES[open], { name: official.name })}
          </h4>
          {open === 'import' ? <ImportForm userId={official.id} onDone={done('certs.imported')} onCancel={close} /> : null}
          {open === 'revoke' ? <RevokeForm userId={official.id} onDone={done('certs.revoked')} onCancel={close} /> : null}
          {open === 'history' ? <CertificateHistory items={history.data?.items ?? []} name={official.name} /> : null}
        </section>
      ) : null}
    </li>
  );
};
