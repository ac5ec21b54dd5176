import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, upload, type UploadHandle } from '../api.ts';
import { appendFields, DocumentFields, type DocumentFieldValues } from '../components/document-fields.tsx';
import { ACCEPT_DOCUMENTS, DropZone } from '../components/drop-zone.tsx';
import { ErrorBox, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { bytes } from '../format.ts';
import { usePoll, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { failureText } from '../failure-text.ts';
import { Link } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { Batch } from '../types.ts';

type State =
  | { step: 'idle' }
  | { step: 'sending'; fraction: number }
  | { step: 'following'; batch: Batch | null; batchId: string }
  | { step: 'error'; error: unknown };

const POLL_MS = 1000;

/** Many files or one ZIP in one go; each file's progress and errors in a table. */
export const ImportPage = () => {
  const { units } = useSession();
  useTitle(t('import.title'), officeName(units));
  const [files, setFiles] = useState<File[]>([]);
  const [values, setValues] = useState<DocumentFieldValues>({});
  const [state, setState] = useState<State>({ step: 'idle' });
  const handle = useRef<UploadHandle<{ batchId: string }> | null>(null);
  useEffect(() => () => handle.current?.abort(), []);

  const batchId = state.step === 'following' ? state.batchId : null;
  const finished = state.step === 'following' && state.batch !== null && state.batch.done >= state.batch.total;
  usePoll(
    async () => {
      if (!batchId) return false;
      const batch = await get<Batch>(`/documents/batch/${encodeURIComponent(batchId)}`);
      setState((s) => (s.step === 'following' && s.batchId === batchId ? { ...s, batch } : s));
      return batch.done < batch.total;
    },
    POLL_MS,
    batchId !== null && !finished,
  );

  const send = async (e: Event) => {
    e.preventDefault();
    if (!files.length) return;
    const form = new FormData();
    appendFields(form, values);
    for (const f of files) form.append('file', f, f.name);
    setState({ step: 'sending', fraction: 0 });
    const h = upload<{ batchId: string }>('/documents/batch', form, (fraction) => setState((s) => (s.step === 'sending' ? { step: 'sending', fraction } : s)));
    handle.current = h;
    try {
      const { body } = await h.done;
      setState({ step: 'following', batchId: body.batchId, batch: null });
    } catch (err) {
      setState({ step: 'error', error: err });
    } finally {
      handle.current = null;
    }
  };

  const busy = state.step === 'sending' || (state.step === 'following' && !finished);
  const total = files.reduce((n, f) => n + f.size, 0);
  const batch = state.step === 'following' ? state.batch : null;
  return (
    <>
      <PageTitle>{t('import.title')}</PageTitle>
      <p>{t('import.intro')}</p>
      <form onSubmit={send}>
        <DropZone
          multiple
          accept={`${ACCEPT_DOCUMENTS},.zip,application/zip`}
          onFiles={setFiles}
          prompt={t('upload.drop')}
          button={t('upload.chooseMany')}
          disabled={busy}
        >
          {files.length ? <p class="chosen">{t('import.files', { n: files.length, size: bytes(total) })}</p> : null}
        </DropZone>
        <DocumentFields
          names={['classificationCode', 'securityLevel', 'unitCode', 'tags']}
          values={values}
          onChange={setValues}
          error={state.step === 'error' && state.error instanceof ApiError ? state.error : null}
        />
        <button type="submit" class="btn btn-primary" disabled={!files.length || busy}>
          {t('import.submit')}
        </button>
      </form>

      <section class="import-status" aria-labelledby="import-progress-title">
        <h2 id="import-progress-title" class={state.step === 'idle' ? 'sr-only' : ''}>
          {t('import.progress')}
        </h2>
        {state.step === 'sending' ? <SendingProgress id="import-upload" fraction={state.fraction} /> : null}
        {state.step === 'error' ? <ErrorBox error={state.error} /> : null}
        {state.step === 'following' ? (
          batch ? (
            <>
              <p aria-live="polite">
                <label for="import-files">{t('import.summary', { done: batch.done, total: batch.total })}</label>
              </p>
              <progress id="import-files" max={batch.total || 1} value={batch.done} />
              {finished ? <Notice tone="ok">{t('import.doneAll')}</Notice> : null}
              <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="import-progress-title">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('import.file')}</th>
                      <th scope="col">{t('import.status')}</th>
                      <th scope="col">{t('import.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {batch.files.map((f) => (
                      <tr key={f.seq}>
                        <td>{f.seq}</td>
                        <td class="filename">{f.documentId ? <Link href={`/documents/${f.documentId}`}>{f.filename}</Link> : f.filename}</td>
                        <td>
                          <span class={`badge badge-${f.status}`}>{label('status', f.status)}</span>
                          {f.duplicate ? <span class="badge">{t('status.duplicate')}</span> : null}
                        </td>
                        <td>{f.error ? failureText(f.errorCode, t) : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {finished ? (
                <button
                  type="button"
                  class="btn"
                  onClick={() => {
                    setFiles([]);
                    setState({ step: 'idle' });
                  }}
                >
                  {t('import.another')}
                </button>
              ) : null}
            </>
          ) : (
            <Notice>{t('upload.processing')}</Notice>
          )
        ) : null}
      </section>
    </>
  );
};
