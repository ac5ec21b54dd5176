import { useMemo } from 'preact/hooks';
import { useObjectUrl } from '../hooks.ts';
import { t } from '../i18n.ts';

/**
 * The scan a clerk just dropped, beside the registration form (issue 18), read from the file
 * itself (nothing is sent for it): a PDF in the browser's own viewer, a JPEG or PNG as an image;
 * a TIFF, which browsers do not show, is previewed by the server once registered.
 */
export const ScanPreview = ({ file }: { file: File }) => {
  const kind = useMemo(() => {
    const name = file.name.toLowerCase();
    if (file.type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
    if (['image/jpeg', 'image/png'].includes(file.type) || /\.(jpe?g|png)$/.test(name)) return 'image';
    return null;
  }, [file]);
  // Retyped so the viewer opens it even when the system gave the file no type.
  const typed = useMemo(() => (kind === 'pdf' ? new Blob([file], { type: 'application/pdf' }) : file), [file, kind]);
  const url = useObjectUrl(kind ? typed : null);
  return (
    <section class="card reg-preview" aria-labelledby="reg-preview-title">
      <h2 id="reg-preview-title">{t('reg.preview')}</h2>
      {!kind ? <p class="muted">{t('reg.previewTiff')}</p> : null}
      {url && kind === 'image' ? <img class="preview-image" src={url} alt={t('reg.previewFrame', { name: file.name })} /> : null}
      {url && kind === 'pdf' ? <iframe class="preview-pdf" src={url} title={t('reg.previewFrame', { name: file.name })} /> : null}
    </section>
  );
};
