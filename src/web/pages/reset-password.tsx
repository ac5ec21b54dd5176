import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { NewPasswordFields } from '../components/password-steps.tsx';
import { ErrorBox, Notice, PageTitle } from '../components/ui.tsx';
import { useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';

/** The token from the emailed link: in the fragment, which browsers never send to a server. */
const tokenOfLink = (): string => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

/** The page a reset link opens (no login): a new password typed twice, then to the login page. */
export const ResetPasswordPage = () => {
  useTitle(t('reset.title'));
  const [token] = useState(tokenOfLink);
  const [pw, setPw] = useState({ value: '', again: '' });
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || pw.value !== pw.again) return;
    setBusy(true);
    setError(null);
    try {
      await post('/auth/password-reset/confirm', { token, newPassword: pw.value }, { expect401: true });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <PageTitle>{t('reset.title')}</PageTitle>
      {!token ? <Notice tone="warn">{t('reset.noToken')}</Notice> : null}
      <ErrorBox error={error} />
      {done ? (
        <Notice tone="ok">{t('reset.done')}</Notice>
      ) : token ? (
        <form onSubmit={submit}>
          <NewPasswordFields value={pw.value} again={pw.again} onInput={(value, again) => setPw({ value, again })} />
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('first.submit')}
          </button>
        </form>
      ) : null}
      <p>
        <Link href="/login">{t('reset.login')}</Link>
      </p>
    </section>
  );
};
