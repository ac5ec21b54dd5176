import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { OwnCertificate } from '../components/own-certificate.tsx';
import { NewPasswordFields } from '../components/password-steps.tsx';
import { ErrorBox, Field, Notice, PageTitle } from '../components/ui.tsx';
import { useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { hasRole, unitName, useSession } from '../session.tsx';

/** Changing one's own password: every session ends, this one too, so the page says to log in again. */
const ChangePassword = () => {
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState({ value: '', again: '' });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (pw.value !== pw.again) return;
    setError(null);
    try {
      await post('/auth/password', { currentPassword: current, newPassword: pw.value });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  if (done)
    return (
      <Notice tone="ok">
        {t('account.passwordDone')} <a href="/login">{t('reset.login')}</a>
      </Notice>
    );
  return (
    <form onSubmit={submit}>
      <ErrorBox error={error} />
      <Field label={t('account.current')} required>
        {(p) => (
          <input
            {...p}
            type="password"
            name="currentPassword"
            autoComplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        )}
      </Field>
      <NewPasswordFields value={pw.value} again={pw.again} onInput={(value, again) => setPw({ value, again })} />
      <button type="submit" class="btn btn-primary">
        {t('first.submit')}
      </button>
    </form>
  );
};

/** "Akun saya": who I am on record (NIP, jabatan), my password, and, for officials, my signing certificate and its PIN. */
export const AccountPage = () => {
  const { user, units } = useSession();
  useTitle(t('account.title'));
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <section class="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profile')}</h2>
        <dl class="cert-facts">
          <dt>{t('users.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('users.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('people.jabatan')}</dt>
          <dd>{user.jabatan ?? t('account.noNip')}</dd>
          <dt>{t('people.nip')}</dt>
          <dd>{user.nip ?? t('account.noNip')}</dd>
          <dt>{t('users.unit')}</dt>
          <dd>{unitName(units, user.unitCode)}</dd>
          <dt>{t('users.roles')}</dt>
          <dd>{user.roles.map((r) => label('role', r)).join(', ')}</dd>
        </dl>
      </section>
      {hasRole(user, 'official') ? <OwnCertificate user={user} /> : null}
      <section class="card" aria-labelledby="password-title">
        <h2 id="password-title">{t('account.passwordTitle')}</h2>
        <ChangePassword />
      </section>
    </>
  );
};
