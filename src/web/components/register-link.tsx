import { t } from '../i18n.ts';
import { Link } from '../router.tsx';

/** From the register's list to its printable table (Buku Agenda). */
export const RegisterLink = () => (
  <p>
    <Link href="/incoming/register">{t('register.open')}</Link>
  </p>
);
