import { useState } from 'preact/hooks';
import { ApiError, post } from '../api.ts';
import { bytes } from '../format.ts';
import { t } from '../i18n.ts';
import { schemeContentType, schemeLines } from '../refusals.ts';
import type { SchemeImportResult } from '../records-types.ts';
import { DropZone } from './drop-zone.tsx';
import { useAct } from './records-bits.tsx';
import { ErrorBox, Notice } from './ui.tsx';

const ACCEPT_SCHEME = '.csv,.json,text/csv,application/json';

/** The bad lines of a refused file: the server imported nothing, and says why line by line. */
const BadLines = ({ error }: { error: ApiError }) => {
  const lines = schemeLines(error.errors, t);
  return (
    <div class="alert alert-error" role="alert">
      <p class="problem-headline">{t('scheme.refused', { n: lines.length })}</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('scheme.badLines')}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('scheme.line')}</th>
              <th scope="col">{t('scheme.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={`${l.line}-${i}`}>
                <td>{l.line ?? t('doc.none')}</td>
                <td class="wrap">{l.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};

/**
 * A whole classification scheme from a file (admins and archivists): CSV with the header
 * `code,name,activeYears,inactiveYears,finalDisposition` (description may follow) or a JSON array
 * of the same. All or nothing: a file with any bad line changes nothing and every bad line is
 * listed. `onImported` lets the page show the scheme anew.
 */
export const SchemeImport = ({ onImported }: { onImported: () => void }) => {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<SchemeImportResult | null>(null);
  const { busy, error, run } = useAct();
  const send = () =>
    run(async () => {
      if (!file) return;
      setResult(null);
      const text = await file.text();
      setResult(await post<SchemeImportResult>('/classifications/import', undefined, { raw: { body: text, contentType: schemeContentType(file) } }));
      onImported();
    });
  const badLines = error instanceof ApiError && error.status === 422 && error.errors.length > 0;
  return (
    <form
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p class="wrap">{t('scheme.intro')}</p>
      <p class="hint wrap">
        {t('scheme.shipped')} <code>config/classification/pola-klasifikasi-nasional.csv</code>
      </p>
      <DropZone
        accept={ACCEPT_SCHEME}
        onFiles={(f) => (setFile(f[0] ?? null), setResult(null))}
        prompt={t('scheme.drop')}
        button={t('upload.choose')}
        disabled={busy}
      >
        {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
      </DropZone>
      {result ? <Notice tone="ok">{t('scheme.done', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</Notice> : null}
      {badLines ? <BadLines error={error as ApiError} /> : <ErrorBox error={error} />}
      <button type="submit" class="btn btn-primary" disabled={busy || !file}>
        {busy ? t('scheme.sending') : t('scheme.submit')}
      </button>
    </form>
  );
};
