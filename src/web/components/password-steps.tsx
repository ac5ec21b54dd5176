import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { ErrorBox, Field, Loading, Notice, PageTitle } from './ui.tsx';

/** A new password typed twice; the browser checks the length, the page that both agree. */
export const NewPasswordFields = ({ value, again, onInput }: { value: string; again: string; onInput: (value: string, again: string) => void }) => (
  <>
    <Field label={t('first.new')} hint={t('first.hint')} required>
      {(p) => (
        <input
          {...p}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          minLength={8}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value, again)}
        />
      )}
    </Field>
    <Field label={t('first.again')} error={again && again !== value ? t('first.mismatch') : undefined} required>
      {(p) => (
        <input
          {...p}
          type="password"
          name="newPasswordAgain"
          autoComplete="new-password"
          value={again}
          onInput={(e) => onInput(value, e.currentTarget.value)}
        />
      )}
    </Field>
  </>
);

/**
 * The new password typed twice and its button: `send` gets it once both agree, one at a time;
 * what it throws shows above the form, unless `handled` takes it.
 */
export const NewPasswordForm = ({ send, handled }: { send: (newPassword: string) => Promise<void>; handled?: (err: unknown) => boolean }) => {
  const [pw, setPw] = useState({ value: '', again: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || pw.value !== pw.again) return;
    setBusy(true);
    setError(null);
    try {
      await send(pw.value);
    } catch (err) {
      if (!handled?.(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorBox error={error} />
      <form onSubmit={submit}>
        <NewPasswordFields value={pw.value} again={pw.again} onInput={(value, again) => setPw({ value, again })} />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('first.submit')}
        </button>
      </form>
    </>
  );
};

/**
 * The first login with a password an admin set: the only thing its short-lived token may do is
 * change it (with the password just typed, kept in memory for this). Then the person logs in again.
 */
export const ForcedPasswordChange = ({
  bearer,
  currentPassword,
  onDone,
  onExpired,
}: {
  bearer: string;
  currentPassword: string;
  onDone: () => void;
  onExpired: () => void;
}) => (
  <section>
    <PageTitle>{t('first.title')}</PageTitle>
    <p>{t('first.intro')}</p>
    <NewPasswordForm
      send={async (newPassword) => {
        await post('/auth/password', { currentPassword, newPassword }, { bearer, expect401: true });
        onDone();
      }}
      handled={(err) => {
        const expired = err instanceof ApiError && err.status === 401;
        if (expired) onExpired();
        return expired;
      }}
    />
  </section>
);

/** "Lupa kata sandi?": a link by email where the office sends email, else the word to ask the admin. */
export const ForgotPassword = ({ initialUsername, onBack }: { initialUsername: string; onBack: () => void }) => {
  const options = useLoad((signal) => get<{ email: boolean }>('/auth/password-reset', { signal }), []);
  const [username, setUsername] = useState(initialUsername);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/auth/password-reset', { username: username.trim() }, { expect401: true });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  const back = (
    <button type="button" class="btn-link" onClick={onBack}>
      {t('forgot.back')}
    </button>
  );
  return (
    <section>
      <PageTitle>{t('forgot.title')}</PageTitle>
      {options.loading && !options.data ? <Loading /> : null}
      <ErrorBox error={options.error ?? error} />
      {options.data && !options.data.email ? <Notice>{t('forgot.askAdmin')}</Notice> : null}
      {sent ? <Notice tone="ok">{t('forgot.sent')}</Notice> : null}
      {options.data?.email && !sent ? (
        <form onSubmit={submit}>
          <p>{t('forgot.intro')}</p>
          <Field label={t('login.username')} required>
            {(p) => (
              <input
                {...p}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellcheck={false}
                value={username}
                onInput={(e) => setUsername(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="btn btn-primary">
            {t('forgot.submit')}
          </button>
        </form>
      ) : null}
      <p>{back}</p>
    </section>
  );
};
