import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { useReadNoticesAbout } from '../components/bell.tsx';
import { DocumentPreview } from '../components/document-preview.tsx';
import { SignFields } from '../components/sign-fields.tsx';
import { ErrorBox, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { officeName, useSession } from '../session.tsx';
import type { OutgoingLetter, SignResult } from '../types.ts';
import { SignedInfo } from './outgoing-letter.tsx';

const enc = encodeURIComponent;

/**
 * Signing an approved letter as its signer: PIN and a code from the authenticator app, then the
 * signed PDF, its letter number and the link its QR code carries.
 */
export const OutgoingSignPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  useTitle(t('sign.title'), officeName(units));
  const letter = useLoad((signal) => get<OutgoingLetter>(`/letters/outgoing/${enc(id)}`, { signal }), [id]);
  useReadNoticesAbout(id);
  const l = letter.data;
  const [pin, setPin] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<SignResult | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const out = await post<SignResult>(`/letters/outgoing/${enc(id)}/sign`, { pin, totp: code.trim() });
      setPin('');
      setCode('');
      setResult(out);
    } catch (err) {
      setCode('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t('sign.title')}</PageTitle>
      {letter.loading && !l ? <Loading /> : null}
      <ErrorBox error={letter.error} onRetry={letter.reload} />
      {l ? (
        <p>
          <Link href={`/outgoing/${l.id}`}>{l.subject}</Link> · {l.recipient}
        </p>
      ) : null}
      {result && l ? (
        <section class="card sign-result" aria-labelledby="signed-title" tabIndex={-1} ref={resultRef}>
          <h2 id="signed-title">{t('sign.done')}</h2>
          <Notice tone="ok">{t('sign.doneNote')}</Notice>
          <SignedInfo
            letter={{ id: l.id, letterNumber: result.letterNumber, signedAt: result.signedAt ?? null }}
            code={result.verificationCode}
            url={result.verifyUrl}
          />
          <DocumentPreview
            doc={{ id: result.signedDocumentId, mimeType: 'application/pdf', size: 0, title: l.subject }}
            src={`/letters/outgoing/${enc(l.id)}/signed`}
          />
        </section>
      ) : l && l.status === 'signed' ? (
        <Notice>
          {t('sign.already', { n: l.letterNumber ?? '' })} <Link href={`/outgoing/${l.id}`}>{t('sign.back')}</Link>
        </Notice>
      ) : l && (l.status !== 'approved' || l.signerId !== user.id) ? (
        <Notice tone="warn">{l.signerId !== user.id ? t('sign.notSigner') : t('sign.notApproved')}</Notice>
      ) : l ? (
        <div class="doc-layout">
          <section class="card doc-meta" aria-labelledby="sign-form-title">
            <h2 id="sign-form-title">{t('sign.confirm')}</h2>
            <p>{t('sign.intro')}</p>
            <form onSubmit={submit}>
              <SignFields pin={pin} code={code} onPin={setPin} onCode={setCode} error={error} />
              <p aria-live="polite">{busy ? t('sign.busy') : ''}</p>
              <button type="submit" class="btn btn-primary" disabled={busy || !pin || !code.trim()}>
                {t('sign.submit')}
              </button>
            </form>
          </section>
          <section class="card doc-preview" aria-labelledby="sign-preview">
            <h2 id="sign-preview">{t('out.previewVersion', { n: l.version })}</h2>
            <DocumentPreview
              doc={{ id: l.documentId, mimeType: 'application/pdf', size: 0, title: l.subject }}
              src={`/letters/outgoing/${enc(l.id)}/document`}
            />
          </section>
        </div>
      ) : null}
    </>
  );
};
