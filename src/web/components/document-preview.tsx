import { useMemo, useState } from 'preact/hooks';
import { getBlob } from '../api.ts';
import { bytes } from '../format.ts';
import { useLoad, useObjectUrl } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { DocumentMeta } from '../types.ts';
import { ErrorBox, Loading } from './ui.tsx';

/** Loaded without asking up to this size; a bigger file waits for a click (slow district lines). */
const AUTO_PREVIEW_BYTES = 3 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png'];

/**
 * The original, shown in the page. The content route sends it as an attachment under a
 * sandbox CSP, so it is never opened directly: the bytes are fetched (the cookie goes along)
 * and shown from a blob: URL — images in an <img>, PDFs in the browser's own viewer inside an
 * <iframe>. TIFF (no browser shows it) gets the download button only. `src` reads the bytes
 * from another API path (a letter's version, its signed PDF) instead of the document's content.
 */
export const DocumentPreview = ({ doc, src }: { doc: Pick<DocumentMeta, 'id' | 'mimeType' | 'size' | 'title'>; src?: string }) => {
  const kind = doc.mimeType === 'application/pdf' ? 'pdf' : IMAGE_TYPES.includes(doc.mimeType) ? 'image' : null;
  const [wanted, setWanted] = useState(kind !== null && doc.size <= AUTO_PREVIEW_BYTES);
  const blob = useLoad(
    (signal) => (wanted && kind ? getBlob(src ?? `/documents/${encodeURIComponent(doc.id)}/content`, signal) : Promise.resolve(null)),
    [doc.id, src, wanted],
  );
  // The blob is retyped from the metadata: the server already decided the type by magic bytes.
  const typed = useMemo(() => (blob.data ? new Blob([blob.data], { type: doc.mimeType }) : null), [blob.data, doc.mimeType]);
  const url = useObjectUrl(typed);

  if (!kind) return <p class="muted">{t('doc.previewNone')}</p>;
  if (!wanted) {
    return (
      <button type="button" class="btn" onClick={() => setWanted(true)}>
        {t('doc.previewLoad', { size: bytes(doc.size) })}
      </button>
    );
  }
  if (blob.error) return <ErrorBox error={blob.error} onRetry={blob.reload} />;
  if (!url) return <Loading />;
  return kind === 'image' ? (
    <img class="preview-image" src={url} alt={doc.title} />
  ) : (
    <>
      <iframe class="preview-pdf" src={url} title={t('doc.previewFrame', { title: doc.title })} />
      <p class="small">
        <a href={url} target="_blank" rel="noopener">
          {t('doc.openTab')}
        </a>
      </p>
    </>
  );
};
