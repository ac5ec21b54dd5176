import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, upload, type UploadHandle } from '../api.ts';
import { appendFields, DocumentFields, type DocumentFieldValues } from '../components/document-fields.tsx';
import { ACCEPT_DOCUMENTS, DropZone } from '../components/drop-zone.tsx';
import { ErrorBox, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { bytes } from '../format.ts';
import { useBackoffPoll, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { failureText } from '../failure-text.ts';
import { Link } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import type { DocumentMeta } from '../types.ts';

type State =
  | { step: 'idle' }
  | { step: 'sending'; fraction: number }
  | { step: 'processing' | 'ready' | 'failed'; doc: DocumentMeta; duplicate: boolean }
  | { step: 'error'; error: unknown };

/**
 * Archive one document: drop it, optionally describe it, send it with a progress bar, then
 * follow its processing until it is searchable.
 */
export const UploadPage = () => {
  const { units } = useSession();
  useTitle(t('upload.title'), officeName(units));
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState<DocumentFieldValues>({});
  const [state, setState] = useState<State>({ step: 'idle' });
  const [note, setNote] = useState<string | null>(null);
  const handle = useRef<UploadHandle<DocumentMeta> | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => () => handle.current?.abort(), []);

  const doc = state.step === 'processing' || state.step === 'ready' || state.step === 'failed' ? state.doc : null;
  useBackoffPoll(async () => {
    if (!doc) return false;
    const fresh = await get<DocumentMeta>(`/documents/${encodeURIComponent(doc.id)}`);
    setState((s) => (s.step === 'processing' ? { step: fresh.status, doc: fresh, duplicate: s.duplicate } : s));
    return fresh.status === 'processing';
  }, state.step === 'processing');

  const choose = (files: File[]) => {
    setNote(files.length > 1 ? t('upload.oneFile') : null);
    setFile(files[0] ?? null);
    if (!values.title && files[0]) setValues({ ...values, title: files[0].name.replace(/\.[a-z0-9]+$/i, '') });
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    appendFields(form, values);
    form.append('file', file, file.name);
    setState({ step: 'sending', fraction: 0 });
    statusRef.current?.focus();
    const h = upload<DocumentMeta>('/documents', form, (fraction) => setState((s) => (s.step === 'sending' ? { step: 'sending', fraction } : s)));
    handle.current = h;
    try {
      const { body } = await h.done;
      setState({ step: body.status, doc: body, duplicate: body.duplicate === true });
    } catch (err) {
      setState({ step: 'error', error: err });
    } finally {
      handle.current = null;
    }
  };

  const reset = () => {
    setFile(null);
    setValues({});
    setState({ step: 'idle' });
    setNote(null);
  };

  const busy = state.step === 'sending' || state.step === 'processing';
  return (
    <>
      <PageTitle>{t('upload.title')}</PageTitle>
      <p>{t('upload.intro')}</p>
      <form onSubmit={send}>
        <DropZone accept={ACCEPT_DOCUMENTS} onFiles={choose} prompt={t('upload.drop')} button={t('upload.choose')} disabled={busy}>
          {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
        </DropZone>
        {note ? <Notice tone="warn">{note}</Notice> : null}
        <DocumentFields
          names={['title', 'letterNumber', 'sender', 'paperLocation', 'documentDate', 'classificationCode', 'securityLevel', 'unitCode', 'tags']}
          values={values}
          onChange={setValues}
          error={state.step === 'error' && state.error instanceof ApiError ? state.error : null}
        />
        <button type="submit" class="btn btn-primary" disabled={!file || busy}>
          {t('upload.submit')}
        </button>
      </form>

      <div class="upload-status" ref={statusRef} tabIndex={-1} aria-live="polite">
        {state.step === 'sending' ? <SendingProgress id="upload-progress" fraction={state.fraction} /> : null}
        {state.step === 'processing' ? <Notice>{state.duplicate ? t('upload.duplicate') : t('upload.processing')}</Notice> : null}
        {state.step === 'ready' ? <Notice tone="ok">{state.duplicate ? t('upload.duplicate') : t('upload.ready')}</Notice> : null}
        {state.step === 'failed' ? <Notice tone="warn">{t('upload.failed', { error: failureText(state.doc.errorCode, t) })}</Notice> : null}
        {state.step === 'error' ? <ErrorBox error={state.error} /> : null}
        {doc ? (
          <p class="actions">
            <Link class="btn btn-primary" href={`/documents/${doc.id}`}>
              {t('upload.open')}
            </Link>
            <button type="button" class="btn" onClick={reset}>
              {t('upload.another')}
            </button>
          </p>
        ) : null}
      </div>
    </>
  );
};
