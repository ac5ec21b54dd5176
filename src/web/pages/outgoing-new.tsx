import { CLASSIFICATION_LIST, ClassificationOptions } from '../components/classification-options.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, postForBlob, upload, type UploadHandle } from '../api.ts';
import {
  type DraftMode,
  DraftModeChoice,
  emptyTemplate,
  ReviewerPicker,
  TemplateFields,
  templateBody,
  type TemplateValues,
} from '../components/draft-fields.tsx';
import { DropZone } from '../components/drop-zone.tsx';
import { todayYmd } from '../components/letter-bits.tsx';
import { PersonSelect } from '../components/person-select.tsx';
import { ErrorBox, Field, Loading, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { type PartyChoice, PartyPicker, partyBody } from '../components/party-picker.tsx';
import { emptyTypeValues, TypeFields, TypePicker, typeTemplateBody, type TypeValues } from '../components/type-fields.tsx';
import { bytes } from '../format.ts';
import { useLoad, useObjectUrl, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { usePeople } from '../people.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { officeName, useSession } from '../session.tsx';
import { type LetterType, type OutgoingLetter, SECURITY_LEVELS } from '../types.ts';

export const ACCEPT_PDF = '.pdf,application/pdf';

type Letter = { subject: string; recipient: string; classificationCode: string; securityLevel: string; signerId: string; note: string };

/**
 * A new outgoing letter (surat keluar): written in the template form (its naskah type with the
 * fields the type asks for, addressees and copies from the units, the contact book or typed in,
 * subject, body, place, date) or uploaded as a PDF for one recipient; the signer and the
 * reviewers in the order they review. `?inReplyTo=<incoming letter>` drafts a reply.
 */
export const OutgoingNewPage = () => {
  const { user, units } = useSession();
  useTitle(t('out.new'), officeName(units));
  const [mode, setMode] = useState<DraftMode>('template');
  const [l, setL] = useState<Letter>({ subject: '', recipient: '', classificationCode: '', securityLevel: 'biasa', signerId: '', note: '' });
  const [tpl, setTpl] = useState<TemplateValues>(emptyTemplate(todayYmd()));
  const [reviewers, setReviewers] = useState<string[]>([]);
  const types = useLoad((signal) => get<LetterType[]>('/letter-types', { signal }), []);
  const [typeCode, setTypeCode] = useState('surat-dinas');
  const [typeValues, setTypeValues] = useState<TypeValues>(emptyTypeValues());
  const [addressees, setAddressees] = useState<PartyChoice[]>([]);
  const [copies, setCopies] = useState<PartyChoice[]>([]);
  const inReplyTo = useLocation().query.get('inReplyTo') ?? '';
  const type = types.data?.find((x) => x.code === typeCode);
  // Parties chosen: the letter names them (and prints them); none: the free-text recipient and Yth. block, as before.
  const typed = mode === 'template' && (addressees.length > 0 || copies.length > 0);
  const [file, setFile] = useState<File | null>(null);
  const [fraction, setFraction] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const handle = useRef<UploadHandle<OutgoingLetter> | null>(null);
  useEffect(() => () => handle.current?.abort(), []);
  const officials = usePeople(user, { role: 'official' });
  const everyone = usePeople(user, {});
  const apiError = error instanceof ApiError ? error : null;
  const set = (k: keyof Letter, value: string) => setL({ ...l, [k]: value });
  // The signer block takes the signer's jabatan unless the drafter typed a title of their own.
  const chooseSigner = (id: string) => {
    const jabatanOf = (who: string) => officials.data?.find((p) => p.id === who)?.jabatan ?? '';
    if (!tpl.signerTitle.trim() || tpl.signerTitle === jabatanOf(l.signerId)) setTpl({ ...tpl, signerTitle: jabatanOf(id) });
    set('signerId', id);
  };

  const common = () => ({
    subject: l.subject.trim(),
    classificationCode: l.classificationCode.trim(),
    signerId: l.signerId,
    securityLevel: l.securityLevel,
    ...(l.note.trim() ? { note: l.note.trim() } : {}),
  });
  /** The template draft as the API takes it: typed (with parties) when any are chosen, else the free-text recipient and Yth. block. */
  const templateDraft = () => {
    const reply = inReplyTo ? { inReplyTo } : {};
    if (!typed) return { ...common(), type: typeCode, recipient: l.recipient.trim(), reviewerIds: reviewers, ...reply, template: templateBody(tpl) };
    const { addressee: _printedFromParties, ...text } = templateBody(tpl);
    return {
      ...common(),
      type: typeCode,
      reviewerIds: reviewers,
      addressees: addressees.map(partyBody),
      copies: copies.map(partyBody),
      ...reply,
      template: { ...text, ...typeTemplateBody(type, typeValues) },
    };
  };
  const [preview, setPreview] = useState<Blob | null>(null);
  const previewUrl = useObjectUrl(preview);
  const showPreview = async () => {
    setError(null);
    try {
      setPreview(await postForBlob('/letters/outgoing/preview', templateDraft()));
    } catch (err) {
      setError(err);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (fraction !== null) return;
    setError(null);
    setFraction(0);
    try {
      let letter: OutgoingLetter;
      if (mode === 'template') {
        letter = await post<OutgoingLetter>('/letters/outgoing', templateDraft());
      } else {
        if (!file) throw new Error(t('out.needFile'));
        const form = new FormData();
        for (const [k, v] of Object.entries({ ...common(), recipient: l.recipient.trim() })) form.append(k, v);
        if (reviewers.length) form.append('reviewerIds', reviewers.join(','));
        form.append('file', file, file.name);
        handle.current = upload<OutgoingLetter>('/letters/outgoing', form, setFraction);
        letter = (await handle.current.done).body;
      }
      navigate(`/outgoing/${letter.id}`);
    } catch (err) {
      setError(err);
    } finally {
      handle.current = null;
      setFraction(null);
    }
  };

  const text = (k: 'subject' | 'recipient' | 'classificationCode', labelKey: Parameters<typeof t>[0], max: number, hint?: string) => (
    <Field label={t(labelKey)} required hint={hint} error={apiError?.fieldError(k)}>
      {(p) => (
        <input
          {...p}
          name={k}
          type="text"
          maxLength={max}
          value={l[k]}
          {...(k === 'classificationCode' ? { list: CLASSIFICATION_LIST } : {})}
          onInput={(e) => set(k, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <>
      <PageTitle>{t('out.new')}</PageTitle>
      <form onSubmit={submit}>
        {inReplyTo ? (
          <Notice>
            {t('out.replyingTo')} <Link href={`/incoming/${inReplyTo}`}>{t('out.theLetterAnswered')}</Link>
          </Notice>
        ) : null}
        <DraftModeChoice name="mode" mode={mode} onChange={setMode} />

        <fieldset class="grid-fields">
          <legend>{t('out.letter')}</legend>
          {mode === 'template' && types.data ? <TypePicker types={types.data} value={typeCode} onChange={setTypeCode} error={apiError} /> : null}
          {text('subject', 'out.subject', 500)}
          {typed ? null : text('recipient', 'out.recipient', 300, t('out.recipientHint'))}
          {text('classificationCode', 'doc.classificationCode', 40, t('incoming.classificationHint'))}
          <ClassificationOptions />
          <Field label={t('doc.securityLevel')} error={apiError?.fieldError('securityLevel')}>
            {(p) => (
              <select {...p} name="securityLevel" value={l.securityLevel} onChange={(e) => set('securityLevel', e.currentTarget.value)}>
                {SECURITY_LEVELS.map((s) => (
                  <option key={s} value={s}>
                    {label('level', s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('out.signer')} required hint={officials.data === null ? t('people.idHint') : undefined} error={apiError?.fieldError('signerId')}>
            {(p) =>
              officials.loading && officials.data === undefined ? (
                <Loading />
              ) : (
                <PersonSelect {...p} name="signerId" people={officials.data ?? null} value={l.signerId} onChange={chooseSigner} />
              )
            }
          </Field>
        </fieldset>

        <ReviewerPicker people={everyone.data ?? null} value={reviewers} onChange={setReviewers} exclude={[user.id, l.signerId]} error={apiError} />

        {mode === 'template' ? (
          <>
            <PartyPicker legend={t('out.addressees')} field="addressees" value={addressees} onChange={setAddressees} error={apiError} />
            <PartyPicker legend={t('out.copies')} field="copies" value={copies} onChange={setCopies} error={apiError} />
            <TypeFields type={type} v={typeValues} onChange={setTypeValues} error={apiError} />
            <TemplateFields v={tpl} onChange={setTpl} error={apiError} withAddressee={!typed} />
          </>
        ) : (
          <DropZone accept={ACCEPT_PDF} onFiles={(f) => setFile(f[0] ?? null)} prompt={t('out.drop')} button={t('upload.choose')} disabled={fraction !== null}>
            {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
          </DropZone>
        )}
        <Field label={t('out.note')} hint={t('out.noteHint')} error={apiError?.fieldError('note')}>
          {(p) => <input {...p} name="note" type="text" maxLength={2000} value={l.note} onInput={(e) => set('note', e.currentTarget.value)} />}
        </Field>
        {fraction !== null && mode === 'file' ? <SendingProgress id="draft-progress" fraction={fraction} /> : null}
        <ErrorBox error={error} />
        {mode === 'template' ? (
          <p>
            <button type="button" class="btn" onClick={() => void showPreview()}>
              {t('out.preview')}
            </button>
          </p>
        ) : null}
        <button type="submit" class="btn btn-primary" disabled={fraction !== null || (mode === 'file' && !file)}>
          {fraction !== null ? t('out.saving') : t('out.submit')}
        </button>
        {/* Below the buttons, so the viewer loading does not move them. */}
        {previewUrl && mode === 'template' ? <iframe class="preview-pdf" src={previewUrl} title={t('out.previewFrame')} /> : null}
      </form>
    </>
  );
};
