import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, csrfToken, get, post } from '../api.ts';
import { ErrorBox, errorMessage, Field, Notice, PageTitle } from '../components/ui.tsx';
import { LangToggle } from '../components/layout.tsx';
import { Enrolment } from '../components/enrolment.tsx';
import { ForcedPasswordChange, ForgotPassword } from '../components/password-steps.tsx';
import { useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { LoginOk, User } from '../types.ts';

type Step = 'password' | 'totp' | 'enrol' | 'change' | 'forgot';

/**
 * Logging in for a cookie session: password, then the second factor when the account has one,
 * or first-time enrolment when it must have one and has none yet.
 *
 * Enrolment runs on the short-lived bearer token the server hands out for that purpose only.
 * Its last step also returns a full bearer token; the UI does not keep it (a page script must
 * never hold a session token), it revokes it and logs in again for the HttpOnly cookie with
 * the next code from the app. The password stays in memory for that second login only.
 */
export const LoginPage = ({
  onLoggedIn,
  notice,
  heldToEnrolment,
}: {
  onLoggedIn: (u: User) => Promise<void>;
  notice?: 'sessionEnded' | undefined;
  heldToEnrolment: boolean;
}) => {
  useTitle(t('login.title'));
  const [step, setStep] = useState<Step>(heldToEnrolment ? 'enrol' : 'password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(notice === 'sessionEnded' ? t('app.sessionEnded') : null);
  const [enrolToken, setEnrolToken] = useState<string | null>(null);
  const [changeToken, setChangeToken] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'totp') codeRef.current?.focus();
    if (step === 'password') userRef.current?.focus();
  }, [step]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = { username, password, cookie: true, ...(step === 'totp' && code.trim() ? { totp: code.trim() } : {}) };
      const out = await post<LoginOk>('/auth/login', body, { expect401: true });
      setPassword('');
      // The session cookies are Secure: a browser drops them on plain http other than localhost.
      if (!csrfToken()) {
        setError(t('login.needsHttps'));
        return;
      }
      await onLoggedIn(out.user);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setCode('');
      if (err.kind === 'totp-required') {
        setInfo(t('login.totpRequired'));
        setStep('totp');
      } else if (err.kind === 'totp-invalid') {
        setError(t('login.totpInvalid'));
        codeRef.current?.focus();
      } else if (err.kind === 'totp-enrolment-required' && typeof err.body.token === 'string') {
        setInfo(null);
        setEnrolToken(err.body.token);
        setStep('enrol');
      } else if (err.kind === 'password-change-required' && typeof err.body.token === 'string') {
        setInfo(null);
        setChangeToken(err.body.token);
        setStep('change');
      } else if (err.status === 429) {
        setError(err.retryAfter ? t('login.locked', { n: err.retryAfter }) : t('login.lockedNoTime'));
      } else if (err.status === 401) {
        setError(t('login.wrong'));
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep('password');
    setPassword('');
    setCode('');
    setError(null);
    setInfo(null);
    setEnrolToken(null);
    setChangeToken(null);
  };

  return (
    <div class="login-page">
      <header class="login-top">
        <span class="brand-name">{t('app.name')}</span>
        <LangToggle />
      </header>
      <main id="main" class="login-card" tabIndex={-1}>
        {step === 'change' && changeToken ? (
          <ForcedPasswordChange
            bearer={changeToken}
            currentPassword={password}
            onDone={() => {
              restart();
              setInfo(t('first.done'));
            }}
            onExpired={() => {
              restart();
              setError(t('first.expired'));
            }}
          />
        ) : step === 'forgot' ? (
          <ForgotPassword initialUsername={username} onBack={restart} />
        ) : step === 'enrol' ? (
          <Enrolment
            {...(enrolToken ? { bearer: enrolToken } : {})}
            onDone={({ cookieSession }) => {
              setEnrolToken(null);
              if (cookieSession) {
                void get<User>('/auth/me').then(onLoggedIn, () => setStep('password'));
                return;
              }
              setInfo(t('enrol.relogin'));
              // A held cookie session was ended by enabling: log in from the start.
              setStep(password ? 'totp' : 'password');
            }}
            onExpired={() => {
              restart();
              setError(t('enrol.expired'));
            }}
          />
        ) : (
          <>
            <PageTitle>{t('login.title')}</PageTitle>
            <p class="muted">{t('login.intro')}</p>
            {info ? <Notice>{info}</Notice> : null}
            {error ? <ErrorBox error={new Error(error)} /> : null}
            <form onSubmit={submit} noValidate={false}>
              {step === 'password' ? (
                <>
                  <Field label={t('login.username')} required>
                    {(p) => (
                      <input
                        {...p}
                        ref={userRef}
                        name="username"
                        autoComplete="username"
                        autoCapitalize="none"
                        spellcheck={false}
                        value={username}
                        onInput={(e) => setUsername(e.currentTarget.value)}
                      />
                    )}
                  </Field>
                  <Field label={t('login.password')} required>
                    {(p) => (
                      <input
                        {...p}
                        type="password"
                        name="password"
                        autoComplete="current-password"
                        value={password}
                        onInput={(e) => setPassword(e.currentTarget.value)}
                      />
                    )}
                  </Field>
                </>
              ) : (
                <>
                  <p>
                    <strong>{username}</strong>{' '}
                    <button type="button" class="btn-link" onClick={restart}>
                      {t('login.back')}
                    </button>
                  </p>
                  <Field label={t('login.totp')} hint={t('login.totpHint')} required>
                    {(p) => (
                      <input
                        {...p}
                        ref={codeRef}
                        name="totp"
                        inputMode="numeric"
                        autoComplete="one-time-code"
                        maxLength={16}
                        spellcheck={false}
                        value={code}
                        onInput={(e) => setCode(e.currentTarget.value)}
                      />
                    )}
                  </Field>
                </>
              )}
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {busy ? t('login.busy') : t('login.submit')}
              </button>
            </form>
            {step === 'password' ? (
              <p>
                <button type="button" class="btn-link" onClick={() => setStep('forgot')}>
                  {t('forgot.link')}
                </button>
              </p>
            ) : null}
            <p class="login-check">
              <Link href="/check">{t('login.checkLetter')}</Link>
            </p>
          </>
        )}
      </main>
    </div>
  );
};
