import { useState } from 'preact/hooks';
import { ApiError, post } from '../api.ts';
import { t } from '../i18n.ts';
import { navigate } from '../router.tsx';
import { ActError, useAct } from './records-bits.tsx';
import { Field } from './ui.tsx';

export type RecordAct = 'disposal' | 'transfer' | 'hold';

/** Where each act is asked for, and where the page of what it made lives. */
const ACT_PATH: Record<RecordAct, string> = { disposal: '/disposals', transfer: '/transfers', hold: '/holds' };

/** The archive institution most offices hand their static records to (the server's default too). */
const DEFAULT_RECIPIENT = 'Lembaga Kearsipan Daerah';

/**
 * What to do with the chosen records: propose their disposal (usul musnah) with a reason,
 * prepare their transfer (penyerahan) to an archive institution, or place a legal hold with a
 * name and a reason. The server checks every record and refuses the act whole when one is unfit
 * (listed readably by ActError); done, the page of the new disposal, transfer or hold opens.
 */
export const RecordActForm = ({ ids, acts }: { ids: string[]; acts: RecordAct[] }) => {
  const [act, setAct] = useState<RecordAct>(acts[0]!);
  const [f, setF] = useState({ reason: '', recipient: DEFAULT_RECIPIENT, name: '' });
  const { busy, error, run } = useAct();
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldError(name) : undefined);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const body =
    act === 'disposal'
      ? { documentIds: ids, reason: f.reason.trim() }
      : act === 'transfer'
        ? { documentIds: ids, recipient: f.recipient.trim() }
        : { documentIds: ids, name: f.name.trim(), reason: f.reason.trim() };

  return (
    <form
      class="act-form"
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => navigate(`${ACT_PATH[act]}/${(await post<{ id: string }>(ACT_PATH[act], body)).id}`));
      }}
    >
      {acts.length > 1 ? (
        <fieldset class="mode">
          <legend>{t('acts.choose', { n: ids.length })}</legend>
          {acts.map((a) => (
            <label key={a} class="check">
              <input type="radio" name="record-act" value={a} checked={act === a} onChange={() => setAct(a)} /> {t(`acts.kind.${a}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p class="hint">{t(`acts.hint.${act}`)}</p>
      {act === 'hold' ? (
        <Field label={t('holds.name')} hint={t('holds.nameHint')} error={fieldError('name')} required>
          {(p) => <input {...p} name="name" value={f.name} maxLength={200} onInput={set('name')} />}
        </Field>
      ) : null}
      {act === 'transfer' ? (
        <Field label={t('transfers.recipient')} hint={t('transfers.recipientHint')} error={fieldError('recipient')} required>
          {(p) => <input {...p} name="recipient" value={f.recipient} minLength={2} maxLength={300} onInput={set('recipient')} />}
        </Field>
      ) : (
        <Field label={t('acts.reason')} hint={act === 'disposal' ? t('disposals.reasonHint') : t('holds.reasonHint')} error={fieldError('reason')} required>
          {(p) => <textarea {...p} name="reason" rows={2} minLength={3} maxLength={2000} value={f.reason} onInput={set('reason')} />}
        </Field>
      )}
      <ActError error={error} />
      <button type="submit" class="btn btn-primary" disabled={busy || ids.length === 0}>
        {t(`acts.submit.${act}`)}
      </button>
    </form>
  );
};
