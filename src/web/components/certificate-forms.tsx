import { useState } from 'preact/hooks';
import { ApiError, upload } from '../api.ts';
import { t } from '../i18n.ts';
import type { FieldLabels } from '../problem-text.ts';
import type { SigningCertificate } from '../signing-types.ts';
import { ErrorBox, Field } from './ui.tsx';

/** The API's field names in these forms, by their labels here (`title` is the holder's jabatan). */
export const CERT_LABELS: FieldLabels = {
  pin: 'certs.pin',
  title: 'certs.jabatan',
  nip: 'certs.nip',
  p12: 'certs.p12',
  passphrase: 'certs.passphrase',
  reason: 'certs.reason',
  pem: 'certs.pem',
  id: 'certs.official',
};

interface Holder {
  pin: string;
  pinAgain: string;
  title: string;
  nip: string;
}
const EMPTY: Holder = { pin: '', pinAgain: '', title: '', nip: '' };

/** `title` and `nip` only when filled: the server then leaves them out (or, importing, reads them from the certificate). */
const optional = (h: Holder) => ({ ...(h.title.trim() ? { title: h.title.trim() } : {}), ...(h.nip.trim() ? { nip: h.nip.trim() } : {}) });

/**
 * The PIN twice (typed by the official, at the admin's desk: a slip of the finger would lock
 * their key under a PIN nobody knows), their jabatan and NIP.
 */
const HolderFields = ({ h, set, error, mismatch }: { h: Holder; set: (h: Holder) => void; error: unknown; mismatch: boolean }) => {
  const fe = (f: string) => (error instanceof ApiError ? error.fieldError(f) : undefined);
  return (
    <>
      <p class="wide alert alert-info">{t('certs.pinWho')}</p>
      <Field label={t('certs.pin')} hint={t('certs.pinHint')} error={fe('pin')} required>
        {(p) => (
          <input
            {...p}
            name="pin"
            type="password"
            autoComplete="new-password"
            maxLength={64}
            value={h.pin}
            onInput={(e) => set({ ...h, pin: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('certs.pinAgain')} error={mismatch ? t('certs.pinMismatch') : undefined} required>
        {(p) => (
          <input
            {...p}
            name="pinAgain"
            type="password"
            autoComplete="new-password"
            maxLength={64}
            value={h.pinAgain}
            onInput={(e) => set({ ...h, pinAgain: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label={t('certs.jabatan')} hint={t('certs.jabatanHint')} error={fe('title')}>
        {(p) => <input {...p} name="title" maxLength={200} value={h.title} onInput={(e) => set({ ...h, title: e.currentTarget.value })} />}
      </Field>
      <Field label={t('certs.nip')} hint={t('certs.nipHint')} error={fe('nip')}>
        {(p) => <input {...p} name="nip" inputMode="numeric" maxLength={40} value={h.nip} onInput={(e) => set({ ...h, nip: e.currentTarget.value })} />}
      </Field>
    </>
  );
};

/** Submitting once at a time, the two PINs compared first, the server's refusal kept for the form. */
const useHolderForm = (send: (h: Holder) => Promise<SigningCertificate>, onDone: (c: SigningCertificate) => void) => {
  const [h, set] = useState<Holder>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setMismatch(h.pin !== h.pinAgain);
    if (h.pin !== h.pinAgain) return;
    setBusy(true);
    setError(null);
    try {
      const cert = await send(h);
      set(EMPTY);
      onDone(cert);
    } catch (err) {
      // The PINs are not kept after a refusal either: the official types them again.
      set({ ...h, pin: '', pinAgain: '' });
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { h, set, busy, error, mismatch, submit };
};

const Actions = ({ busy, submit, onCancel }: { busy: boolean; submit: string; onCancel: () => void }) => (
  <div class="form-actions">
    <button type="submit" class="btn btn-primary" disabled={busy}>
      {busy ? t('certs.busy') : submit}
    </button>
    <button type="button" class="btn" onClick={onCancel}>
      {t('certs.cancel')}
    </button>
  </div>
);

/** A provider's PKCS#12, opened once with its passphrase; the key is then locked under the official's PIN. */
export const ImportForm = ({ userId, onDone, onCancel }: { userId: string; onDone: (c: SigningCertificate) => void; onCancel: () => void }) => {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const f = useHolderForm(async (h) => {
    const form = new FormData();
    form.append('passphrase', passphrase);
    form.append('pin', h.pin);
    for (const [k, v] of Object.entries(optional(h))) form.append(k, v);
    form.append('p12', file!, file!.name);
    const { body } = await upload<SigningCertificate>(`/users/${encodeURIComponent(userId)}/certificate`, form, () => undefined).done;
    setPassphrase('');
    return body;
  }, onDone);
  const fe = (name: string) => (f.error instanceof ApiError ? f.error.fieldError(name) : undefined);
  return (
    <form class="grid-form" onSubmit={f.submit}>
      <p class="wide">{t('certs.importIntro')}</p>
      <ErrorBox error={f.error} labels={CERT_LABELS} />
      <Field label={t('certs.p12')} error={fe('p12')} required>
        {(p) => <input {...p} name="p12" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />}
      </Field>
      <Field label={t('certs.passphrase')} hint={t('certs.passphraseHint')} error={fe('passphrase')}>
        {(p) => (
          <input
            {...p}
            name="passphrase"
            type="password"
            autoComplete="off"
            maxLength={1024}
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        )}
      </Field>
      <HolderFields h={f.h} set={f.set} error={f.error} mismatch={f.mismatch} />
      <Actions busy={f.busy} submit={t('certs.importSubmit')} onCancel={onCancel} />
    </form>
  );
};
