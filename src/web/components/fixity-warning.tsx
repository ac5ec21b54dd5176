import { get } from '../api.ts';
import { dateTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { FixityRun } from '../records-types.ts';
import { Link } from '../router.tsx';

/** How many originals the run found changed or gone. */
export const fixityProblems = (run: FixityRun): number => run.mismatched.length + run.missing.length;

/**
 * On the admin's home: the last fixity run found changed or missing originals (they must be
 * restored from a backup). Says nothing while all is well, or when the reader may not see fixity.
 */
export const FixityWarning = () => {
  const last = useLoad((signal) => get<FixityRun | null>('/fixity', { signal }).catch(() => null), []);
  const run = last.data;
  if (!run || fixityProblems(run) === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p class="problem-headline">{t('fixity.warning', { mismatched: run.mismatched.length, missing: run.missing.length })}</p>
      <p>
        {t('fixity.warningWhen', { at: dateTime(run.at) })} <Link href="/fixity">{t('fixity.see')}</Link>
      </p>
    </div>
  );
};
