import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { SigningCertificate } from '../signing-types.ts';
import type { User } from '../types.ts';
import { CertificateSummary } from './certificate-details.tsx';
import { ErrorBox, Field, Loading, Notice } from './ui.tsx';

const PinField = ({
  name,
  label,
  value,
  onInput,
  error,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}) => (
  <Field label={label} hint={hint} error={error} required>
    {(p) => (
      <input {...p} type="password" name={name} autoComplete="off" minLength={6} maxLength={64} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    )}
  </Field>
);

/** A form that posts once and reports: what both PIN forms share. */
const usePinForm = <T,>(send: () => Promise<T>, onOk: (out: T) => void) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event, ready: boolean) => {
    e.preventDefault();
    if (busy || !ready) return;
    setBusy(true);
    setError(null);
    try {
      onOk(await send());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit, fieldError: (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined) };
};

/** The official answers the admin's request: the PIN chosen here locks the key made at this moment. */
const ChoosePin = ({ onMade }: { onMade: (c: SigningCertificate) => void }) => {
  const [pin, setPin] = useState({ value: '', again: '' });
  const form = usePinForm(() => post<SigningCertificate>('/auth/certificate', { pin: pin.value }), onMade);
  const mismatch = pin.again && pin.again !== pin.value ? t('account.pinMismatch') : undefined;
  return (
    <form onSubmit={(e) => void form.submit(e, !mismatch)}>
      <p>{t('account.certRequested')}</p>
      <ErrorBox error={form.error} />
      <PinField
        name="pin"
        label={t('account.pin')}
        hint={t('account.pinHint')}
        value={pin.value}
        onInput={(value) => setPin({ ...pin, value })}
        error={form.fieldError('pin')}
      />
      <PinField name="pinAgain" label={t('account.pinAgain')} value={pin.again} onInput={(again) => setPin({ ...pin, again })} error={mismatch} />
      <button type="submit" class="btn btn-primary" disabled={form.busy}>
        {t('account.certCreate')}
      </button>
    </form>
  );
};

/** Changing the PIN: the current one opens the key, which is locked again under the new one. */
const ChangePin = ({ onChanged }: { onChanged: () => void }) => {
  const [pin, setPin] = useState({ current: '', value: '', again: '' });
  const form = usePinForm(
    () => post('/auth/certificate/pin', { currentPin: pin.current, newPin: pin.value }),
    () => {
      setPin({ current: '', value: '', again: '' });
      onChanged();
    },
  );
  const mismatch = pin.again && pin.again !== pin.value ? t('account.pinMismatch') : undefined;
  return (
    <form onSubmit={(e) => void form.submit(e, !mismatch)}>
      <h3>{t('account.pinChangeTitle')}</h3>
      <ErrorBox error={form.error} />
      <PinField
        name="currentPin"
        label={t('account.pinCurrent')}
        value={pin.current}
        onInput={(current) => setPin({ ...pin, current })}
        error={form.fieldError('currentPin')}
      />
      <PinField
        name="newPin"
        label={t('account.pinNew')}
        hint={t('account.pinHint')}
        value={pin.value}
        onInput={(value) => setPin({ ...pin, value })}
        error={form.fieldError('newPin')}
      />
      <PinField name="newPinAgain" label={t('account.pinAgain')} value={pin.again} onInput={(again) => setPin({ ...pin, again })} error={mismatch} />
      <button type="submit" class="btn" disabled={form.busy}>
        {t('account.pinChange')}
      </button>
    </form>
  );
};

/** An official's own signing certificate on their account page: make it when asked, change its PIN. */
export const OwnCertificate = ({ user }: { user: User }) => {
  const current = useLoad(
    (signal) =>
      get<SigningCertificate>(`/users/${encodeURIComponent(user.id)}/certificate`, { signal }).catch((e: unknown) =>
        e instanceof ApiError && e.status === 404 ? null : Promise.reject(e),
      ),
    [user.id],
  );
  const [made, setMade] = useState<SigningCertificate | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cert = made ?? current.data ?? null;
  return (
    <section class="card" aria-labelledby="own-cert-title">
      <h2 id="own-cert-title">{t('account.certTitle')}</h2>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      {current.loading && current.data === undefined ? <Loading /> : null}
      <ErrorBox error={current.error} onRetry={current.reload} />
      {cert ? <CertificateSummary cert={cert} /> : null}
      {!made && user.certificateRequestedAt ? (
        <ChoosePin
          onMade={(c) => {
            setMade(c);
            setMessage(t('account.certMade', { serial: c.serial, until: dateTime(c.notAfter) }));
          }}
        />
      ) : cert?.status === 'active' && cert.source !== 'remote' ? (
        <ChangePin onChanged={() => setMessage(t('account.pinChanged'))} />
      ) : current.data === null && !made ? (
        <p>{t('account.certNone')}</p>
      ) : null}
    </section>
  );
};
