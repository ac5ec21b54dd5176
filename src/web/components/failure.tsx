import { failureText } from '../failure-text.ts';
import { t } from '../i18n.ts';

/**
 * Why something failed, in the reader's words; for operators (the admin pages) the server's own
 * English text folds out beneath, to search for or quote to support.
 */
export const Failure = ({ code, detail, operator = false }: { code: string | null | undefined; detail: string | null | undefined; operator?: boolean }) => (
  <>
    <span>{failureText(code, t)}</span>
    {operator && detail ? (
      <details class="failure-detail">
        <summary>{t('problem.operatorDetail')}</summary>
        <span lang="en">{detail}</span>
      </details>
    ) : null}
  </>
);
