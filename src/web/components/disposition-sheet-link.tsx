import { API } from '../api.ts';
import { t } from '../i18n.ts';

/** The letter's disposition sheet (lembar disposisi) as a PDF the server writes, to print or file. */
export const DispositionSheetLink = ({ letterId }: { letterId: string }) => (
  <p class="no-print">
    <a class="btn" href={`${API}/letters/incoming/${encodeURIComponent(letterId)}/disposition-sheet.pdf`} download>
      {t('sheet.download')}
    </a>
  </p>
);
