import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { NewPasswordForm } from '../components/password-steps.tsx';
import { Notice, PageTitle } from '../components/ui.tsx';
import { useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';

/** The token from the emailed link: in the fragment, which browsers never send to a server. */
const tokenOfLink = (): string => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

/** The page a reset link opens (no login): a new password typed twice, then to the login page. */
export const ResetPasswordPage = () => {
  useTitle(t('reset.title'));
  const [token] = useState(tokenOfLink);
  const [done, setDone] = useState(false);
  return (
    <section>
      <PageTitle>{t('reset.title')}</PageTitle>
      {!token ? <Notice tone="warn">{t('reset.noToken')}</Notice> : null}
      {done ? (
        <Notice tone="ok">{t('reset.done')}</Notice>
      ) : token ? (
        <NewPasswordForm
          send={async (newPassword) => {
            await post('/auth/password-reset/confirm', { token, newPassword }, { expect401: true });
            setDone(true);
          }}
        />
      ) : null}
      <p>
        <Link href="/login">{t('reset.login')}</Link>
      </p>
    </section>
  );
};
