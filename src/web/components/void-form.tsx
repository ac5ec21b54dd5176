import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { t } from '../i18n.ts';
import type { IncomingLetter } from '../types.ts';
import { ErrorBox, Field } from './ui.tsx';

/**
 * Voiding an agenda entry (issue 18): a reason and a confirmation, on the version read. The
 * number stays in the register marked "Dibatalkan"; the server refuses while routing is open.
 */
export const VoidForm = ({ letter, onVoided }: { letter: IncomingLetter; onVoided: (l: IncomingLetter) => void }) => {
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      onVoided(
        await post<IncomingLetter>(`/letters/incoming/${encodeURIComponent(letter.id)}/void`, { reason: reason.trim() }, { ifMatch: `"${letter.version}"` }),
      );
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err });
    }
  };

  return (
    <details class="card void-form">
      <summary>{t('void.title')}</summary>
      <p class="small">{t('void.intro')}</p>
      <form onSubmit={submit}>
        <Field label={t('void.reason')} required>
          {(p) => <textarea {...p} name="voidReason" rows={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} /> {t('void.confirm')}
        </label>
        <ErrorBox error={state.error} labels={{ reason: 'void.reason' }} headlines={{ 412: 'fix.stale' }} />
        <button type="submit" class="btn btn-danger" disabled={state.busy || !sure || reason.trim() === ''}>
          {t('void.submit')}
        </button>
      </form>
    </details>
  );
};
