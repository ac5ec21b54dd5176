import { useState } from 'preact/hooks';
import { ApiError, post } from '../api.ts';
import { t } from '../i18n.ts';
import type { Disposition } from '../types.ts';
import { ErrorBox, Notice } from './ui.tsx';

/**
 * Its sender takes back a disposition its recipient has not opened yet (issue 13). The server
 * decides (409 once read); the page shows what it answered.
 */
export const WithdrawPanel = ({ d, onDone }: { d: Disposition; onDone: (d: Disposition) => void }) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await post<Disposition>(`/dispositions/${encodeURIComponent(d.id)}/withdraw`, {}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card dispo-card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t('dispo.withdraw')}</h2>
      <p>{t('dispo.withdrawIntro')}</p>
      {error instanceof ApiError && error.status === 409 ? <Notice tone="warn">{t('dispo.withdrawRefused')}</Notice> : <ErrorBox error={error} />}
      <button type="button" class="btn" disabled={busy} onClick={withdraw}>
        {t('dispo.withdrawSubmit')}
      </button>
    </section>
  );
};
