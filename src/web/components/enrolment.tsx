import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, post } from '../api.ts';
import { t } from '../i18n.ts';
import type { TotpEnabled, TotpSetup } from '../types.ts';
import { ErrorBox, Field, Loading, PageTitle } from './ui.tsx';

/** The secret in groups of four, as authenticator apps show and people type it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Turning on the second factor: QR code and secret, a first code, then the recovery codes,
 * shown once. `bearer` is the enrolment token from the login answer; without it the cookie
 * session is used (an account that came to need a second factor while logged in).
 */
export const Enrolment = ({ bearer, onDone, onExpired }: { bearer?: string; onDone: (o: { cookieSession: boolean }) => void; onExpired: () => void }) => {
  const auth = bearer ? { bearer } : {};
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [cookieSession, setCookieSession] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const codesRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    post<TotpSetup>('/auth/totp/setup', {}, { ...auth, expect401: true }).then(setSetup, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) onExpired();
      else setError(e);
    });
  }, []);

  // The QR code is the server's SVG shown through an <img> (never inserted as markup).
  const qrUrl = useMemo(() => (setup ? URL.createObjectURL(new Blob([setup.qrCodeSvg], { type: 'image/svg+xml' })) : null), [setup]);
  useEffect(() => () => void (qrUrl && URL.revokeObjectURL(qrUrl)), [qrUrl]);

  useEffect(() => {
    if (codes) codesRef.current?.focus();
  }, [codes]);
  const codesFile = useMemo(
    () => (codes ? URL.createObjectURL(new Blob([`Naskah — kode pemulihan / recovery codes\n\n${codes.join('\n')}\n`], { type: 'text/plain' })) : null),
    [codes],
  );
  useEffect(() => () => void (codesFile && URL.revokeObjectURL(codesFile)), [codesFile]);

  const enable = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      // `cookie: true` is ignored by servers that do not offer it; the UI copes either way.
      const out = await post<TotpEnabled>('/auth/totp/enable', { code: code.trim(), cookie: true }, { ...auth, expect401: true });
      // The full bearer session it returns is not kept by a page script: end it at once. A
      // server that honours `cookie: true` sets the session cookie instead (no token, a csrfToken).
      if (out.token) await post('/auth/logout', {}, { bearer: out.token }).catch(() => undefined);
      setCookieSession(!out.token && !!out.csrfToken);
      setCodes(out.recoveryCodes);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setFieldError(t('enrol.wrongCode'));
      else if (err instanceof ApiError && err.status === 401) onExpired();
      else setError(err);
    } finally {
      setBusy(false);
      setCode('');
    }
  };

  if (codes) {
    return (
      <section aria-labelledby="codes-title">
        <h1 id="codes-title" tabIndex={-1} ref={codesRef}>
          {t('enrol.codesTitle')}
        </h1>
        <p>{t('enrol.codesIntro')}</p>
        <ol class="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <p class="actions">
          <a class="btn" href={codesFile ?? undefined} download="naskah-kode-pemulihan.txt">
            {t('enrol.download')}
          </a>
          <button type="button" class="btn btn-primary" onClick={() => onDone({ cookieSession })}>
            {t('enrol.saved')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section>
      <PageTitle>{t('enrol.title')}</PageTitle>
      <p>{t('enrol.intro')}</p>
      <ErrorBox error={error} />
      {!setup ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <p>{t('enrol.step1')}</p>
          {qrUrl ? <img class="qr" src={qrUrl} alt={t('enrol.qrAlt')} width={200} height={200} /> : null}
          <p>
            {t('enrol.secret')}
            <br />
            <code class="secret" data-secret={setup.secret}>
              {grouped(setup.secret)}
            </code>
          </p>
          <form onSubmit={enable}>
            <p>{t('enrol.step2')}</p>
            <Field label={t('enrol.code')} error={fieldError} required>
              {(p) => (
                <input
                  {...p}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  value={code}
                  onInput={(e) => setCode(e.currentTarget.value)}
                />
              )}
            </Field>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('enrol.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
};
