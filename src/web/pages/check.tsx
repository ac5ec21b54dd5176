import { useEffect, useRef, useState } from 'preact/hooks';
import { upload, type UploadHandle } from '../api.ts';
import { DropZone } from '../components/drop-zone.tsx';
import { ErrorBox, PageTitle, SendingProgress } from '../components/ui.tsx';
import { bytes, dateTime, officeNameFromShell } from '../format.ts';
import { useTitle } from '../hooks.ts';
import { logLine } from '../log-line.ts';
import { t } from '../i18n.ts';
import type { FileVerification } from '../types.ts';

/** Why a file is not valid, in plain words (the server's own words are English and not shown). */
const reasonOf = (r: FileVerification): string => {
  if (r.signatures.length === 0) return t('check.noSignature');
  if (r.modifiedAfterSigning) return t('check.modified');
  if (r.signatures.some((s) => !s.intact)) return t('check.broken');
  if (r.signatures.some((s) => !s.trusted)) return t('check.untrusted');
  return t('check.invalid');
};

const Verdict = ({ r }: { r: FileVerification }) => {
  const known = r.knownLetter;
  return (
    <section class={`verdict ${r.valid ? 'verdict-ok' : 'verdict-bad'}`} aria-labelledby="verdict-title">
      <h2 id="verdict-title">{r.valid ? t('check.valid') : t('check.notValid')}</h2>
      {r.valid ? <p>{known ? t('check.validKnown') : t('check.validNote')}</p> : <p class="verdict-reason">{reasonOf(r)}</p>}
      {known ? (
        <dl class="verdict-facts">
          {officeNameFromShell() ? (
            <>
              <dt>{t('check.issuer')}</dt>
              <dd>{officeNameFromShell()}</dd>
            </>
          ) : null}
          <dt>{t('doc.letterNumber')}</dt>
          <dd>{known.letterNumber}</dd>
          {known.subject ? (
            <>
              <dt>{t('out.subject')}</dt>
              <dd>{known.subject}</dd>
            </>
          ) : null}
          <dt>{t('check.signer')}</dt>
          <dd>
            {known.signer.name}
            {known.signer.title ? `, ${known.signer.title}` : ''}
          </dd>
          <dt>{t('check.signedAt')}</dt>
          <dd>{dateTime(known.signedAt)}</dd>
          {r.log ? (
            <>
              <dt>{t('check.log')}</dt>
              <dd>{logLine(r.log, t)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {r.signatures.length ? (
        <>
          <h3>{t('check.signatures')}</h3>
          <ul class="signature-list">
            {r.signatures.map((s, i) => (
              <li key={i}>
                <strong>{s.signer?.name ?? t('check.unknownSigner')}</strong>
                {s.signedAt ? <> · {dateTime(s.signedAt)}</> : null}
                <br />
                <span class="small">
                  {s.intact ? t('check.intact') : t('check.notIntact')} · {s.coversWholeDocument ? t('check.whole') : t('check.notWhole')} ·{' '}
                  {s.trusted ? t('check.trusted') : t('check.notTrusted')}
                  {s.ltv ? <> · {t('check.ltv')}</> : null}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
};

/**
 * "Periksa surat": anyone holding a signed PDF (no account needed) uploads it and reads plainly
 * whether it is genuine and unchanged, who signed it and when, or why not.
 */
export const CheckPage = () => {
  useTitle(t('check.title'));
  const [file, setFile] = useState<File | null>(null);
  const [fraction, setFraction] = useState<number | null>(null);
  const [result, setResult] = useState<FileVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const handle = useRef<UploadHandle<FileVerification> | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => () => handle.current?.abort(), []);

  const check = async (f: File) => {
    handle.current?.abort();
    setFile(f);
    setResult(null);
    setError(null);
    setFraction(0);
    const form = new FormData();
    form.append('file', f, f.name);
    handle.current = upload<FileVerification>('/verify', form, setFraction);
    try {
      setResult((await handle.current.done).body);
    } catch (e) {
      if (!(e instanceof DOMException)) setError(e);
    } finally {
      handle.current = null;
      setFraction(null);
      resultRef.current?.focus();
    }
  };

  return (
    <>
      <PageTitle>{t('check.title')}</PageTitle>
      <p>{t('check.intro')}</p>
      <DropZone
        accept=".pdf,application/pdf"
        onFiles={(f) => f[0] && void check(f[0])}
        prompt={t('check.drop')}
        button={t('check.choose')}
        disabled={fraction !== null}
      >
        {file ? <p class="chosen">{t('upload.chosen', { name: file.name, size: bytes(file.size) })}</p> : null}
      </DropZone>
      <div class="check-result" ref={resultRef} tabIndex={-1} aria-live="polite">
        {fraction !== null ? <SendingProgress id="check-progress" fraction={fraction} {...(fraction < 1 ? {} : { label: t('check.checking') })} /> : null}
        <ErrorBox error={error} />
        {result ? <Verdict r={result} /> : null}
      </div>
      <p class="small muted">{t('check.qrNote')}</p>
    </>
  );
};
