import { useEffect, useState } from 'preact/hooks';
import { API } from '../api.ts';
import { t } from '../i18n.ts';
import type { DocumentMeta } from '../types.ts';
import { DocumentPreview } from './document-preview.tsx';

/**
 * The document page by page, as images the server rendered (JPEG, any kind of original: a TIFF
 * or a PDF on a phone shows the same way), with paging. The images come straight from the API
 * (the session cookie goes along). Until the worker has rendered them, or when it could not,
 * the browser's own preview of the original is shown instead.
 */
export const PageImages = ({ doc }: { doc: Pick<DocumentMeta, 'id' | 'mimeType' | 'size' | 'title' | 'pages' | 'status'> }) => {
  const pages = Math.max(1, doc.pages ?? 1);
  const [page, setPage] = useState(1);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setPage(1);
    setMissing(false);
  }, [doc.id, doc.status]);

  if (missing || doc.status !== 'ready') {
    return (
      <>
        {doc.status === 'ready' ? <p class="muted small">{t('doc.pagesNotReady')}</p> : null}
        <DocumentPreview doc={doc} />
      </>
    );
  }
  const go = (n: number) => setPage(Math.min(pages, Math.max(1, n)));
  return (
    <figure class="page-images">
      <img
        class="page-image"
        src={`${API}/documents/${encodeURIComponent(doc.id)}/pages/${page}/image`}
        alt={t('doc.pageImageAlt', { n: page, total: pages, title: doc.title })}
        onError={() => setMissing(true)}
      />
      {pages > 1 ? (
        <nav class="pager" aria-label={t('doc.pagerLabel')}>
          <button type="button" class="btn" onClick={() => go(page - 1)} disabled={page === 1}>
            {t('doc.pagePrev')}
          </button>
          <span aria-live="polite">{t('doc.pageOf', { n: page, total: pages })}</span>
          <button type="button" class="btn" onClick={() => go(page + 1)} disabled={page === pages}>
            {t('doc.pageNext')}
          </button>
        </nav>
      ) : null}
    </figure>
  );
};
