import { useEffect, useState } from 'preact/hooks';
import { get, upload } from '../api.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { ArchivedFile, LetterSuggestions } from '../types.ts';
import { agendaOf } from './letter-bits.tsx';
import { errorMessage, Notice } from './ui.tsx';

/** Hashed in the browser up to this size (it reads the whole file into memory); the server checks every size on registering. */
const HASH_MAX_BYTES = 64 * 1024 * 1024;
/** Sent for suggestions up to this size: the bytes go up twice, and a letter's first page is small. */
const SUGGEST_MAX_BYTES = 15 * 1024 * 1024;

export type Archived = { step: 'checking' } | { step: 'done'; found: ArchivedFile } | { step: 'unavailable' } | null;
export type Suggested = { step: 'reading'; scan: boolean } | { step: 'done'; found: LetterSuggestions } | { step: 'failed'; why: string } | null;

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * What the server knows of a dropped file before anything is registered (issue 18): whether the
 * same bytes are archived (SHA-256 computed here with SubtleCrypto, which exists only on HTTPS
 * or localhost: elsewhere the check says it is unavailable) and suggestions from a PDF's text
 * layer or the OCR of a scan's first page. `onSuggestions` is called once with what was found.
 */
export const useFileChecks = (file: File | null, onSuggestions: (s: LetterSuggestions['suggestions']) => void) => {
  const [archived, setArchived] = useState<Archived>(null);
  const [suggested, setSuggested] = useState<Suggested>(null);
  useEffect(() => {
    setArchived(null);
    setSuggested(null);
    if (!file) return;
    let live = true;
    const abort = new AbortController();
    if (globalThis.crypto?.subtle && file.size <= HASH_MAX_BYTES) {
      setArchived({ step: 'checking' });
      file
        .arrayBuffer()
        .then((bytes) => crypto.subtle.digest('SHA-256', bytes))
        .then((digest) => get<ArchivedFile>(`/documents/by-sha256/${hex(digest)}`, { signal: abort.signal }))
        .then((found) => live && setArchived({ step: 'done', found }))
        .catch(() => live && setArchived({ step: 'unavailable' }));
    } else setArchived({ step: 'unavailable' });
    const pdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
    let sending: { abort(): void } | null = null;
    if (file.size <= SUGGEST_MAX_BYTES) {
      // A PDF is mostly read from its text layer in a moment; an image is always OCR'd (seconds).
      setSuggested({ step: 'reading', scan: !pdf });
      const form = new FormData();
      form.append('file', file, file.name);
      const h = upload<LetterSuggestions>('/letters/incoming/suggest', form, () => undefined);
      sending = h;
      h.done.then(
        ({ body }) => {
          if (!live) return;
          setSuggested({ step: 'done', found: body });
          onSuggestions(body.suggestions);
        },
        (e: unknown) => live && !(e instanceof DOMException) && setSuggested({ step: 'failed', why: errorMessage(e) }),
      );
    }
    return () => {
      live = false;
      abort.abort();
      sending?.abort();
    };
  }, [file]);
  return { archived, suggested };
};

/** The duplicate warning, before the form is sent: a link to the letter one may see, or only "elsewhere". */
export const ArchivedNotice = ({ archived }: { archived: Archived }) => {
  if (!archived) return null;
  if (archived.step === 'checking') return <p class="muted small">{t('reg.checking')}</p>;
  if (archived.step === 'unavailable') return <p class="muted small">{t('reg.noCheck')}</p>;
  const { found } = archived;
  if (!found.exists) return null;
  if (!found.visible) return <Notice tone="warn">{t('reg.dupElsewhere')}</Notice>;
  return (
    <Notice tone="warn">
      {t('reg.dupMine')}{' '}
      {found.letter ? (
        <Link href={`/incoming/${found.letter.id}`}>
          {t('reg.dupLetter', { n: agendaOf(found.letter), unit: found.letter.unitCode })}
          {found.letter.voided ? ` ${t('reg.dupVoid')}` : ''}
        </Link>
      ) : found.document ? (
        <Link href={`/documents/${found.document.id}`}>{t('reg.dupDocument', { title: found.document.title })}</Link>
      ) : null}
    </Notice>
  );
};

/** What the suggestions came to, or why there are none. */
export const SuggestionNotice = ({ suggested, filled }: { suggested: Suggested; filled: string[] }) => {
  if (!suggested) return null;
  if (suggested.step === 'reading')
    return (
      <p class="muted small" role="status">
        {t(suggested.scan ? 'reg.readingScan' : 'reg.reading')}
      </p>
    );
  if (suggested.step === 'failed') return <p class="muted small">{suggested.why}</p>;
  if (suggested.found.source === 'ocr-timed-out') return <p class="muted small">{t('reg.scanTooSlow')}</p>;
  if (Object.keys(suggested.found.suggestions).length === 0) return <p class="muted small">{t('reg.noSuggestion')}</p>;
  if (filled.length === 0) return null;
  return <Notice>{t('reg.suggested', { fields: filled.join(', ') })}</Notice>;
};
