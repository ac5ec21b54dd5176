import { CLASSIFICATION_LIST, ClassificationOptions } from '../components/classification-options.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, upload, type UploadHandle } from '../api.ts';
import { ACCEPT_DOCUMENTS, DropZone } from '../components/drop-zone.tsx';
import { localInput } from '../components/details-editor.tsx';
import { agendaOf, todayYmd } from '../components/letter-bits.tsx';
import { ArchivedNotice, SuggestionNotice, useFileChecks } from '../components/registration-checks.tsx';
import { ScanPreview } from '../components/scan-preview.tsx';
import { ErrorBox, Field, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { UnitSelect } from '../components/unit-select.tsx';
import { bytes } from '../format.ts';
import { useBackoffPoll, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { failureText } from '../failure-text.ts';
import { Link } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import { type DocumentMeta, type IncomingLetter, SECURITY_LEVELS, URGENCIES } from '../types.ts';

type Values = {
  letterNumber: string;
  letterDate: string;
  sender: string;
  subject: string;
  urgency: string;
  securityLevel: string;
  classificationCode: string;
  unitCode: string;
  receivedAt: string;
};
/** The fields the letter's text may suggest. */
const SUGGESTIBLE = ['letterNumber', 'letterDate', 'sender', 'subject'] as const;
const SUGGESTED_LABELS = { letterNumber: 'doc.letterNumber', letterDate: 'incoming.letterDate', sender: 'doc.sender', subject: 'incoming.subject' } as const;
// The letter date is what the letter says: empty until typed or suggested, never today by default.
const EMPTY: Values = {
  letterNumber: '',
  letterDate: '',
  sender: '',
  subject: '',
  urgency: 'biasa',
  securityLevel: 'biasa',
  classificationCode: '',
  unitCode: '',
  receivedAt: '',
};
const fresh = (): Values => ({ ...EMPTY, receivedAt: localInput(new Date().toISOString()) });

type State =
  | { step: 'idle' }
  | { step: 'sending'; fraction: number }
  | { step: 'registered'; letter: IncomingLetter; doc: DocumentMeta | null }
  | { step: 'error'; error: unknown };

/**
 * Registering an incoming letter (surat masuk): the scan dropped on the page and the short form
 * beside it; the agenda number is shown as soon as the server gives it, possible duplicates as a
 * warning, and the scan's processing is followed until the letter is searchable.
 */
export const IncomingNewPage = () => {
  const { units } = useSession();
  useTitle(t('incoming.new'), officeName(units));
  const [file, setFile] = useState<File | null>(null);
  const [v, setV] = useState<Values>(fresh);
  // Fields filled from the letter's text and not touched since: marked until the clerk types.
  const [suggested, setSuggested] = useState<string[]>([]);
  // The values as last rendered, for suggestions that arrive while the clerk types.
  const current = useRef(v);
  current.current = v;
  const checks = useFileChecks(file, (s) => {
    const filled = SUGGESTIBLE.filter((k) => s[k] && !current.current[k].trim());
    setV({ ...current.current, ...Object.fromEntries(filled.map((k) => [k, s[k]])) });
    setSuggested(filled);
  });
  const [state, setState] = useState<State>({ step: 'idle' });
  const handle = useRef<UploadHandle<IncomingLetter> | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => () => handle.current?.abort(), []);

  const registered = state.step === 'registered' ? state : null;
  const processing = registered !== null && (registered.doc === null || registered.doc.status === 'processing');
  useBackoffPoll(async () => {
    if (!registered) return false;
    const doc = await get<DocumentMeta>(`/documents/${encodeURIComponent(registered.letter.documentId)}`);
    setState((s) => (s.step === 'registered' ? { ...s, doc } : s));
    return doc.status === 'processing';
  }, processing);

  // Another file: what the last one suggested (and the clerk left untouched) is not this letter's.
  const choose = (next: File | null) => {
    setFile(next);
    setV({ ...v, ...Object.fromEntries(suggested.map((k) => [k, ''])) });
    setSuggested([]);
  };
  const set = (k: keyof Values, value: string) => {
    setV({ ...v, [k]: value });
    setSuggested((s) => s.filter((x) => x !== k));
  };
  const hintOf = (k: keyof Values, hint?: string) => (suggested.includes(k) ? t('reg.suggestion') : hint);
  const mark = (k: keyof Values) => (suggested.includes(k) ? { class: 'suggested' } : {});
  const fieldError = (k: string) => (state.step === 'error' && state.error instanceof ApiError ? state.error.fieldError(k) : undefined);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    for (const [k, value] of Object.entries(v)) if (value.trim() && k !== 'receivedAt') form.append(k, value.trim());
    if (v.receivedAt) form.append('receivedAt', new Date(v.receivedAt).toISOString());
    form.append('file', file, file.name);
    setState({ step: 'sending', fraction: 0 });
    statusRef.current?.focus();
    const h = upload<IncomingLetter>('/letters/incoming', form, (fraction) => setState((s) => (s.step === 'sending' ? { step: 'sending', fraction } : s)));
    handle.current = h;
    try {
      const { body } = await h.done;
      setState({ step: 'registered', letter: body, doc: null });
    } catch (err) {
      setState({ step: 'error', error: err });
    } finally {
      handle.current = null;
    }
  };

  const reset = () => {
    setFile(null);
    setV(fresh());
    setSuggested([]);
    setState({ step: 'idle' });
  };

  const busy = state.step === 'sending';
  const locked = busy || registered !== null;
  const text = (k: keyof Values, labelKey: Parameters<typeof t>[0], o: { required?: boolean; hint?: string; max?: number } = {}) => (
    <Field label={t(labelKey)} required={o.required ?? false} hint={hintOf(k, o.hint)} error={fieldError(k)}>
      {(p) => (
        <input
          {...p}
          {...mark(k)}
          name={k}
          type="text"
          maxLength={o.max ?? 300}
          value={v[k]}
          {...(k === 'classificationCode' ? { list: CLASSIFICATION_LIST } : {})}
          disabled={locked}
          onInput={(e) => set(k, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <PageTitle>{t('incoming.new')}</PageTitle>
      <p>{t('incoming.newIntro')}</p>
      <div class={file ? 'reg-layout' : ''}>
        <form onSubmit={send}>
          <DropZone
            accept={ACCEPT_DOCUMENTS}
            onFiles={(files) => choose(files[0] ?? null)}
            prompt={t('incoming.drop')}
            button={t('upload.choose')}
            disabled={locked}
          >
            {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
          </DropZone>
          {registered ? null : (
            <div aria-live="polite">
              <ArchivedNotice archived={checks.archived} />
              <SuggestionNotice suggested={checks.suggested} filled={suggested.map((k) => t(SUGGESTED_LABELS[k as keyof typeof SUGGESTED_LABELS]))} />
            </div>
          )}
          <fieldset class="grid-fields">
            <legend>{t('incoming.details')}</legend>
            {text('letterNumber', 'doc.letterNumber', { required: true, hint: t('incoming.letterNumberHint'), max: 100 })}
            <Field label={t('incoming.letterDate')} required hint={hintOf('letterDate', t('reg.letterDateHint'))} error={fieldError('letterDate')}>
              {(p) => (
                <input
                  {...p}
                  {...mark('letterDate')}
                  name="letterDate"
                  type="date"
                  max={todayYmd()}
                  value={v.letterDate}
                  disabled={locked}
                  onInput={(e) => set('letterDate', e.currentTarget.value)}
                />
              )}
            </Field>
            {text('sender', 'doc.sender', { required: true })}
            <Field label={t('reg.receivedAt')} required hint={t('reg.receivedAtHint')} error={fieldError('receivedAt')}>
              {(p) => (
                <input
                  {...p}
                  name="receivedAt"
                  type="datetime-local"
                  max={localInput(new Date().toISOString())}
                  value={v.receivedAt}
                  disabled={locked}
                  onInput={(e) => set('receivedAt', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('incoming.subject')} required hint={hintOf('subject')} error={fieldError('subject')}>
              {(p) => (
                <input
                  {...p}
                  {...mark('subject')}
                  name="subject"
                  type="text"
                  maxLength={500}
                  value={v.subject}
                  disabled={locked}
                  onInput={(e) => set('subject', e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('incoming.urgency')} required error={fieldError('urgency')}>
              {(p) => (
                <select {...p} name="urgency" value={v.urgency} disabled={locked} onChange={(e) => set('urgency', e.currentTarget.value)}>
                  {URGENCIES.map((u) => (
                    <option key={u} value={u}>
                      {label('urgency', u)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('doc.securityLevel')} error={fieldError('securityLevel')}>
              {(p) => (
                <select {...p} name="securityLevel" value={v.securityLevel} disabled={locked} onChange={(e) => set('securityLevel', e.currentTarget.value)}>
                  {SECURITY_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {label('level', l)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('classificationCode', 'doc.classificationCode', { hint: t('incoming.classificationHint'), max: 40 })}
            <ClassificationOptions />
            <Field label={t('incoming.unit')} error={fieldError('unitCode')}>
              {(p) => <UnitSelect {...p} filing value={v.unitCode} emptyLabel={t('incoming.ownUnit')} onChange={(code) => set('unitCode', code)} />}
            </Field>
          </fieldset>
          {registered ? null : (
            <button type="submit" class="btn btn-primary" disabled={!file || busy}>
              {t('incoming.submit')}
            </button>
          )}
        </form>
        {file ? <ScanPreview file={file} /> : null}
      </div>

      <div class="upload-status" ref={statusRef} tabIndex={-1} aria-live="polite">
        {state.step === 'sending' ? <SendingProgress id="incoming-progress" fraction={state.fraction} /> : null}
        {state.step === 'error' ? <ErrorBox error={state.error} labels={{ unitCode: 'incoming.unit' }} /> : null}
        {registered ? (
          <section class="card agenda-card" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{t('incoming.registered')}</h2>
            <p class="agenda-number">
              {t('incoming.agendaNumber')}: <strong>{agendaOf(registered.letter)}</strong>
            </p>
            {registered.letter.possibleDuplicates?.length ? (
              <Notice tone="warn">
                <p>{t('incoming.duplicates')}</p>
                <ul>
                  {registered.letter.possibleDuplicates.map((d) => (
                    <li key={d.id}>
                      <Link href={`/incoming/${d.id}`}>{t('incoming.agendaOf', { n: agendaOf(d), unit: d.unitCode })}</Link> —{' '}
                      {label('incoming.dupReason', d.reason)}
                    </li>
                  ))}
                </ul>
              </Notice>
            ) : null}
            {processing ? <Notice>{t('upload.processing')}</Notice> : null}
            {registered.doc?.status === 'ready' ? <Notice tone="ok">{t('upload.ready')}</Notice> : null}
            {registered.doc?.status === 'failed' ? (
              <Notice tone="warn">{t('upload.failed', { error: failureText(registered.doc.errorCode, t) })}</Notice>
            ) : null}
            <p class="actions">
              <Link class="btn btn-primary" href={`/incoming/${registered.letter.id}`}>
                {t('incoming.open')}
              </Link>
              <button type="button" class="btn" onClick={reset}>
                {t('incoming.another')}
              </button>
            </p>
          </section>
        ) : null}
      </div>
    </>
  );
};
