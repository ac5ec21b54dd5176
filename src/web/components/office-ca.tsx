import { useMemo, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad, useObjectUrl } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { OfficeCa } from '../signing-types.ts';
import { ErrorBox, Loading, Notice } from './ui.tsx';

/** The office root, or null while there is none (the API answers 404 then). */
const loadCa = async (signal: AbortSignal): Promise<OfficeCa | null> => {
  try {
    return await get<OfficeCa>('/signing/ca', { signal });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
};

/**
 * The office CA: made once (here, or by the first certificate issued), then shown with what a
 * reader needs to trust it: its fingerprint and its certificate to download. `version` changes
 * when something on the page may have made it.
 */
export const OfficeCaCard = ({ version, onCreated }: { version: number; onCreated: () => void }) => {
  const ca = useLoad(loadCa, [version]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState(false);
  const pem = useMemo(() => (ca.data ? new Blob([ca.data.pem], { type: 'application/x-pem-file' }) : null), [ca.data]);
  const pemUrl = useObjectUrl(pem);

  const create = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      ca.setData(await post<OfficeCa>('/signing/ca'));
      setCreated(true);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="ca-title">
      <h2 id="ca-title">{t('certs.ca')}</h2>
      {ca.loading && ca.data === undefined ? <Loading /> : null}
      <ErrorBox error={ca.error ?? error} onRetry={ca.error ? ca.reload : undefined} />
      {created ? <Notice tone="ok">{t('certs.caCreated')}</Notice> : null}
      {ca.data === null ? (
        <>
          <p>{t('certs.caNone')}</p>
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void create()}>
            {busy ? t('certs.busy') : t('certs.caCreate')}
          </button>
        </>
      ) : null}
      {ca.data ? (
        <>
          <dl class="cert-facts">
            <dt>{t('certs.caName')}</dt>
            <dd class="wrap">{ca.data.commonName}</dd>
            <dt>{t('certs.serial')}</dt>
            <dd>
              <code class="serial">{ca.data.serial}</code>
            </dd>
            <dt>{t('certs.validUntil')}</dt>
            <dd>{dateTime(ca.data.notAfter)}</dd>
            <dt>{t('certs.fingerprint')}</dt>
            <dd>
              <code class="hash">{ca.data.sha256}</code>
            </dd>
          </dl>
          {pemUrl ? (
            <p>
              <a href={pemUrl} download="ca-naskah.pem">
                {t('certs.caDownload')}
              </a>
              <br />
              <span class="hint">{t('certs.caDownloadHint')}</span>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
};
