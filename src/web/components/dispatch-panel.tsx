import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { dateTime } from '../format.ts';
import { label, t } from '../i18n.ts';
import { DISPATCH_VIA, type DispatchVia, type OutgoingLetter } from '../types.ts';
import { ErrorBox, Field } from './ui.tsx';

/**
 * Sending a signed letter out (ekspedisi): how it went and a note such as a receipt number,
 * recorded once by a clerk; afterwards, what was recorded.
 */
export const DispatchPanel = ({
  letter,
  canDispatch,
  byName,
  onDone,
}: {
  letter: OutgoingLetter;
  canDispatch: boolean;
  byName: (id: string) => string;
  onDone: () => void;
}) => {
  const [via, setVia] = useState<DispatchVia>('post');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const d = letter.dispatch;
  if (d) {
    return (
      <p class="dispatch-info">
        {t('dispatch.sent', { via: d.via ? label('dispatch.via', d.via) : '—', at: dateTime(d.at), by: d.by ? byName(d.by) : '—' })}
        {d.note ? ` — ${d.note}` : ''}
      </p>
    );
  }
  if (!canDispatch) return <p class="muted">{t('dispatch.notYet')}</p>;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post<OutgoingLetter>(`/letters/outgoing/${encodeURIComponent(letter.id)}/dispatch`, { via, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-busy={busy}>
      <ErrorBox error={error} labels={{ via: 'dispatch.viaLabel', note: 'dispatch.note' }} />
      <Field label={t('dispatch.viaLabel')} required>
        {(p) => (
          <select {...p} name="via" value={via} onChange={(e) => setVia(e.currentTarget.value as DispatchVia)}>
            {DISPATCH_VIA.map((v) => (
              <option key={v} value={v}>
                {label('dispatch.via', v)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('dispatch.note')} hint={t('dispatch.noteHint')}>
        {(p) => <input {...p} name="note" type="text" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? t('dispatch.saving') : t('dispatch.record')}
      </button>
    </form>
  );
};
