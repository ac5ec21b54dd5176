import type { BackupPage } from '../backup-types.ts';
import { dateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import { Notice } from './ui.tsx';

/**
 * The warning an admin sees when the last good backup is older than the interval (or there is
 * none): on the admin home, with a link to the backups page, and on that page itself.
 */
export const BackupWarning = ({ page, link }: { page: BackupPage; link?: boolean }) => {
  if (!page.overdue) return null;
  return (
    <Notice tone="warn">
      <p>
        <strong>{page.lastSuccessAt ? t('backups.overdue', { hours: page.settings.intervalHours }) : t('backups.never')}</strong>
        {page.lastSuccessAt ? ` ${t('backups.lastGood', { when: dateTime(page.lastSuccessAt) })}` : null}
      </p>
      {link ? (
        <p>
          <Link href="/admin/backups">{t('backups.open')} →</Link>
        </p>
      ) : null}
    </Notice>
  );
};
