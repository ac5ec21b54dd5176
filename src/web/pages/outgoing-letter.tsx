import { DispatchPanel } from '../components/dispatch-panel.tsx';
import { useState } from 'preact/hooks';
import { API, ApiError, get, post, upload } from '../api.ts';
import { useReadNoticesAbout } from '../components/bell.tsx';
import { DocumentPreview } from '../components/document-preview.tsx';
import { type DraftMode, DraftModeChoice, TemplateFields, templateBody, templateValuesOf, type TemplateValues } from '../components/draft-fields.tsx';
import { DropZone } from '../components/drop-zone.tsx';
import { OutgoingStatusBadge } from '../components/letter-bits.tsx';
import { ErrorBox, Field, Loading, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { OutgoingThread } from '../components/letter-thread.tsx';
import { bytes, dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { usePersonNames } from '../people.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { OutgoingLetter, OutgoingReview } from '../types.ts';
import { ACCEPT_PDF } from './outgoing-new.tsx';

const enc = encodeURIComponent;

export const verifyUrl = (code: string): string => `${window.location.origin}/verify/${enc(code)}`;

const Reviews = ({ reviews, names }: { reviews: OutgoingReview[]; names: Map<string, string> }) =>
  reviews.length ? (
    <ol class="review-steps">
      {reviews.map((r) => (
        <li key={r.position} class={`review-${r.state}`}>
          <span class="reviewer-name">{names.get(r.userId) ?? t('people.someone')}</span>{' '}
          <span class={`badge badge-review-${r.state}`}>{label('review.state', r.state)}</span>
          {r.decidedAt ? (
            <time class="small muted" dateTime={r.decidedAt}>
              {' '}
              {dateTime(r.decidedAt)}
            </time>
          ) : null}
          {r.comment ? <p class="review-comment">“{r.comment}”</p> : null}
        </li>
      ))}
    </ol>
  ) : (
    <p class="muted small">{t('out.noReviewers')}</p>
  );

/** The current reviewer's decision: approve (paraf), or return with a comment; the signer may only return it (issue 13). */
const ReviewPanel = ({ letter, onDone, asSigner = false }: { letter: OutgoingLetter; onDone: (l: OutgoingLetter) => void; asSigner?: boolean }) => {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const act = async (verb: 'approve' | 'return') => {
    if (verb === 'return' && !comment.trim()) return setMissing(true);
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      // The version on screen: initialling a draft revised meanwhile is refused (412), never done blind.
      onDone(
        await post<OutgoingLetter>(`/letters/outgoing/${enc(letter.id)}/${verb}`, comment.trim() ? { comment: comment.trim() } : {}, {
          ifMatch: `"${letter.version}"`,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => e.preventDefault()} aria-labelledby="review-title">
      <h2 id="review-title">{t(asSigner ? 'out.signerReturnTitle' : 'out.reviewTitle')}</h2>
      <p>{t(asSigner ? 'out.signerReturnIntro' : 'out.reviewIntro', { n: letter.version })}</p>
      <Field label={t('out.comment')} hint={t('out.commentHint')} error={missing ? t('out.commentNeeded') : undefined}>
        {(p) => <textarea {...p} name="comment" rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
      </Field>
      <ErrorBox error={error} />
      <div class="actions">
        {asSigner ? null : (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void act('approve')}>
            {t('out.approve')}
          </button>
        )}
        <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void act('return')}>
          {t('out.return')}
        </button>
      </div>
    </form>
  );
};

/** The drafter revises a returned draft: a new version (template or PDF) goes round again. */
const RevisePanel = ({ letter, onDone }: { letter: OutgoingLetter; onDone: () => void }) => {
  const current = letter.versions?.find((v) => v.version === letter.version);
  const [mode, setMode] = useState<DraftMode>(current?.source === 'file' ? 'file' : 'template');
  const [tpl, setTpl] = useState<TemplateValues>(templateValuesOf(current?.template ?? null));
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [fraction, setFraction] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const returned = letter.reviewers.filter((r) => r.state === 'returned');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (fraction !== null) return;
    setError(null);
    setFraction(0);
    try {
      if (mode === 'template') {
        await post(`/letters/outgoing/${enc(letter.id)}/versions`, { template: templateBody(tpl), ...(note.trim() ? { note: note.trim() } : {}) });
      } else {
        if (!file) throw new Error(t('out.needFile'));
        const form = new FormData();
        if (note.trim()) form.append('note', note.trim());
        form.append('file', file, file.name);
        await upload(`/letters/outgoing/${enc(letter.id)}/versions`, form, setFraction).done;
      }
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setFraction(null);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="revise-title">
      <h2 id="revise-title">{t('out.reviseTitle')}</h2>
      {returned.map((r) => (
        <Notice key={r.position} tone="warn">
          {t('out.returnedWith', { comment: r.comment ?? '' })}
        </Notice>
      ))}
      <DraftModeChoice name="revise-mode" mode={mode} onChange={setMode} />
      {mode === 'template' ? (
        <TemplateFields v={tpl} onChange={setTpl} error={error instanceof ApiError ? error : null} />
      ) : (
        <DropZone accept={ACCEPT_PDF} onFiles={(f) => setFile(f[0] ?? null)} prompt={t('out.drop')} button={t('upload.choose')} disabled={fraction !== null}>
          {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
        </DropZone>
      )}
      <Field label={t('out.note')} hint={t('out.reviseNoteHint')}>
        {(p) => <input {...p} name="note" type="text" maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      {fraction !== null && mode === 'file' ? <SendingProgress id="revise-progress" fraction={fraction} /> : null}
      <ErrorBox error={error} />
      <button type="submit" class="btn btn-primary" disabled={fraction !== null || (mode === 'file' && !file)}>
        {t('out.reviseSubmit')}
      </button>
    </form>
  );
};

/** What a signed letter offers: its number, the signed PDF, the verification link (the server's, else built from the code). */
export const SignedInfo = ({
  letter,
  code,
  url,
}: {
  letter: Pick<OutgoingLetter, 'id' | 'letterNumber' | 'signedAt'>;
  code: string | null | undefined;
  url?: string | null | undefined;
}) => {
  const link = url || (code ? verifyUrl(code) : null);
  return (
    <div class="signed-info">
      <p class="agenda-number">
        {t('out.letterNumber')}: <strong>{letter.letterNumber}</strong>
      </p>
      {letter.signedAt ? (
        <p>
          {t('out.signedAt')} <time dateTime={letter.signedAt}>{dateTime(letter.signedAt)}</time>
        </p>
      ) : null}
      <p class="actions">
        <a class="btn btn-primary" href={`${API}/letters/outgoing/${enc(letter.id)}/signed`} download>
          {t('out.downloadSigned')}
        </a>
      </p>
      {link ? (
        <p>
          {t('out.verifyLink')}{' '}
          <a class="verify-link" href={link} target="_blank" rel="noopener">
            {link}
          </a>
        </p>
      ) : null}
    </div>
  );
};

/** An outgoing letter: the current version's preview, its review steps and history, and what I may do now. */
export const OutgoingLetterPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const letter = useLoad((signal) => get<OutgoingLetter>(`/letters/outgoing/${enc(id)}`, { signal }), [id]);
  const l = letter.data;
  useTitle(l?.subject ?? t('out.one'), officeName(units));
  useReadNoticesAbout(id);
  const names = usePersonNames(
    user,
    l
      ? [l.drafterId, l.signerId, ...(l.versions ?? []).flatMap((v) => [v.createdBy, ...v.reviews.map((r) => r.userId)]), ...l.reviewers.map((r) => r.userId)]
      : [],
  );
  const name = (uid: string) => names.get(uid) ?? t('people.someone');
  const reviewing = l?.status === 'in_review' && l.waitingFor === user.id;
  const revising = l?.status === 'returned' && l.drafterId === user.id;
  const signing = l?.status === 'approved' && l.signerId === user.id;

  return (
    <>
      <PageTitle>{l?.subject ?? t('out.one')}</PageTitle>
      {letter.loading && !l ? <Loading /> : null}
      <ErrorBox error={letter.error} onRetry={letter.reload} />
      {l ? (
        <div class="doc-layout">
          <section class="card doc-meta" aria-labelledby="out-meta">
            <h2 id="out-meta">{t('out.one')}</h2>
            <dl>
              <dt>{t('out.status')}</dt>
              <dd>
                <OutgoingStatusBadge status={l.status} /> {t('out.versionN', { n: l.version })}
              </dd>
              {l.waitingFor ? (
                <>
                  <dt>{t('out.turn')}</dt>
                  <dd>{l.waitingFor === user.id ? <strong>{t('out.yourTurn')}</strong> : name(l.waitingFor)}</dd>
                </>
              ) : null}
              <dt>{t('out.recipient')}</dt>
              <dd>{l.recipient}</dd>
              <dt>{t('doc.classificationCode')}</dt>
              <dd>{l.classificationCode}</dd>
              <dt>{t('doc.securityLevel')}</dt>
              <dd>{label('level', l.securityLevel)}</dd>
              <dt>{t('doc.unit')}</dt>
              <dd>{unitName(units, l.unitCode)}</dd>
              <dt>{t('out.drafter')}</dt>
              <dd>{name(l.drafterId)}</dd>
              <dt>{t('out.signer')}</dt>
              <dd>{name(l.signerId)}</dd>
              {l.signerReturn ? (
                <>
                  <dt>{t('out.signerReturned')}</dt>
                  <dd>
                    {l.signerReturn.comment} <span class="small muted">({dateTime(l.signerReturn.at)})</span>
                  </dd>
                </>
              ) : null}
              {l.letterNumber ? (
                <>
                  <dt>{t('out.letterNumber')}</dt>
                  <dd>{l.letterNumber}</dd>
                </>
              ) : null}
            </dl>
            <OutgoingThread l={l} />
            <h3>{t('out.reviewers')}</h3>
            <Reviews reviews={l.reviewers} names={names} />
          </section>

          <section class="card doc-preview" aria-labelledby="out-preview">
            <h2 id="out-preview">{l.status === 'signed' ? t('out.signedPdf') : t('out.previewVersion', { n: l.version })}</h2>
            {l.status === 'signed' && l.signedDocumentId ? (
              <DocumentPreview
                key="signed"
                doc={{ id: l.signedDocumentId, mimeType: 'application/pdf', size: 0, title: l.subject }}
                src={`/letters/outgoing/${enc(l.id)}/signed`}
              />
            ) : (
              <DocumentPreview
                key={`v${l.version}`}
                doc={{ id: l.documentId, mimeType: 'application/pdf', size: 0, title: l.subject }}
                src={`/letters/outgoing/${enc(l.id)}/document`}
              />
            )}
          </section>

          {reviewing || revising || signing || l.status === 'signed' ? (
            <section class="card dispo-card">
              {reviewing ? <ReviewPanel letter={l} onDone={() => letter.reload()} /> : null}
              {revising ? <RevisePanel letter={l} onDone={() => letter.reload()} /> : null}
              {signing ? (
                <>
                  <h2>{t('out.readyToSign')}</h2>
                  <p>
                    <Link class="btn btn-primary" href={`/outgoing/${l.id}/sign`}>
                      {t('out.sign')}
                    </Link>
                  </p>
                </>
              ) : null}
              {signing ? <ReviewPanel letter={l} asSigner onDone={() => letter.reload()} /> : null}
              {l.status === 'signed' ? (
                <>
                  <h2>{t('out.signedTitle')}</h2>
                  <SignedInfo letter={l} code={l.verificationCode} url={l.verifyUrl} />
                  <h3>{t('dispatch.title')}</h3>
                  <DispatchPanel letter={l} canDispatch={hasRole(user, 'clerk', 'admin')} byName={name} onDone={() => letter.reload()} />
                </>
              ) : null}
            </section>
          ) : null}

          <section class="card dispo-card" aria-labelledby="history-title">
            <h2 id="history-title">{t('out.history')}</h2>
            <ol class="versions" reversed>
              {[...(l.versions ?? [])].reverse().map((v) => (
                <li key={v.version}>
                  <h3>
                    {t('out.versionN', { n: v.version })} · {label('out.source', v.source)}
                  </h3>
                  <p class="small muted">
                    {name(v.createdBy)} · <time dateTime={v.createdAt}>{dateTime(v.createdAt)}</time>
                  </p>
                  {v.note ? <p>{t('out.noteSaid', { note: v.note })}</p> : null}
                  <Reviews reviews={v.reviews} names={names} />
                  <p class="small">
                    <a href={`${API}/letters/outgoing/${enc(l.id)}/document?version=${v.version}`} download>
                      {t('out.downloadVersion', { n: v.version })}
                    </a>
                  </p>
                </li>
              ))}
            </ol>
          </section>
        </div>
      ) : null}
    </>
  );
};
