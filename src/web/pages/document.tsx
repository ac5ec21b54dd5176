import type { ComponentChildren } from 'preact';
import { API, get } from '../api.ts';
import { CorrectionHistory } from '../components/correction-history.tsx';
import { DetailsEditor, type EditableField } from '../components/details-editor.tsx';
import { BerkasPanel } from '../components/berkas-panel.tsx';
import { DocumentHistory } from '../components/document-history.tsx';
import { PageImages } from '../components/page-images.tsx';
import { PhaseBadge } from '../components/records-bits.tsx';
import { ContentGone, RetentionPanel } from '../components/retention-panel.tsx';
import { ErrorBox, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { bytes, dateOnly, dateTime } from '../format.ts';
import { useLoad, useBackoffPoll, useTitle } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { failureText } from '../failure-text.ts';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { DocumentMeta, DocumentText } from '../types.ts';

const DOCUMENT_FIELDS: EditableField[] = [
  { name: 'title', label: 'fix.title', kind: 'text', max: 500, required: true },
  { name: 'letterNumber', label: 'doc.letterNumber', kind: 'text', max: 100 },
  { name: 'sender', label: 'doc.sender', kind: 'text', max: 300 },
  { name: 'paperLocation', label: 'doc.paperLocation', kind: 'text', max: 200 },
  { name: 'documentDate', label: 'doc.documentDate', kind: 'date' },
  { name: 'classificationCode', label: 'doc.classificationCode', kind: 'text', max: 40 },
];
const DOCUMENT_LABELS = {
  ...Object.fromEntries(DOCUMENT_FIELDS.map((f) => [f.name, f.label])),
  securityLevel: 'doc.securityLevel',
  unitCode: 'doc.unit',
  tags: 'doc.tags',
} as const;
const documentValues = (d: DocumentMeta): Record<string, string> => ({
  title: d.title,
  letterNumber: d.letterNumber ?? '',
  sender: d.sender ?? '',
  paperLocation: d.paperLocation ?? '',
  documentDate: d.documentDate ?? '',
  classificationCode: d.classificationCode ?? '',
});

const Row = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children ?? t('doc.none')}</dd>
  </>
);

/** Polling backs off (0.5 s, 1 s, 2 s … 5 s): reading a restricted document is audited each time. */

/** A document: its details, a preview of the original, the text read from it, and its history. */
export const DocumentPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const doc = useLoad((signal) => get<DocumentMeta>(`/documents/${encodeURIComponent(id)}`, { signal }), [id]);
  const d = doc.data;
  useTitle(d?.title ?? t('doc.title'), officeName(units));

  useBackoffPoll(async () => {
    const fresh = await get<DocumentMeta>(`/documents/${encodeURIComponent(id)}`);
    doc.setData(fresh);
    return fresh.status === 'processing';
  }, d?.status === 'processing');

  // A destroyed record keeps only its description: no bytes to preview or download, no text (410).
  const gone = d?.retention.phase === 'disposed';
  const ready = d?.status === 'ready' && !gone;
  const text = useLoad((signal) => (ready ? get<DocumentText>(`/documents/${encodeURIComponent(id)}/text`, { signal }) : Promise.resolve(null)), [id, ready]);
  const auditor = hasRole(user, 'auditor', 'admin');

  return (
    <>
      <PageTitle>{d?.title || t('doc.title')}</PageTitle>
      {doc.loading && !d ? <Loading /> : null}
      <ErrorBox error={doc.error} onRetry={doc.reload} />
      {d ? (
        <div class="doc-layout">
          <section class="card doc-meta" aria-labelledby="meta-title">
            <h2 id="meta-title">{t('doc.meta')}</h2>
            {d.status === 'processing' ? <Notice>{t('doc.processingNote')}</Notice> : null}
            {d.status === 'failed' ? <Notice tone="warn">{t('doc.failed', { error: failureText(d.errorCode, t) })}</Notice> : null}
            <dl>
              <Row term={t('doc.status')}>
                {gone ? <PhaseBadge phase="disposed" /> : <span class={`badge badge-${d.status}`}>{label('status', d.status)}</span>}
              </Row>
              <Row term={t('doc.kind')}>{label('kind', d.kind)}</Row>
              <Row term={t('doc.letterNumber')}>{d.letterNumber}</Row>
              <Row term={t('doc.sender')}>{d.sender}</Row>
              <Row term={t('doc.paperLocation')}>{d.paperLocation}</Row>
              <Row term={t('doc.documentDate')}>{d.documentDate ? dateOnly(d.documentDate) : null}</Row>
              <Row term={t('doc.classificationCode')}>{d.classificationCode}</Row>
              <Row term={t('doc.securityLevel')}>{label('level', d.securityLevel)}</Row>
              <Row term={t('doc.unit')}>{unitName(units, d.unitCode)}</Row>
              <Row term={t('doc.tags')}>{d.tags.length ? d.tags.join(', ') : null}</Row>
              <Row term={t('doc.pages')}>{d.pages}</Row>
              <Row term={t('doc.textSource')}>{d.textSource ? label('doc.textSource', d.textSource) : null}</Row>
              <Row term={t('doc.file')}>{d.originalName ?? d.mimeType}</Row>
              <Row term={t('doc.size')}>{bytes(d.size)}</Row>
              <Row term={t('doc.createdAt')}>{dateTime(d.createdAt)}</Row>
              <Row term={t('doc.sha256')}>
                <code class="hash">{d.sha256}</code>
              </Row>
            </dl>
            {gone ? null : (
              <p>
                <a class="btn" href={`${API}/documents/${encodeURIComponent(d.id)}/content`} download>
                  {t('doc.download')}
                </a>{' '}
                {/* A scan's searchable copy, or a born-digital PDF (searchable itself): see GET /documents/:id/searchable. */}
                {ready && (d.textSource === 'ocr' || d.textSource === 'pdf-text') ? (
                  <a class="btn" href={`${API}/documents/${encodeURIComponent(d.id)}/searchable`} download>
                    {t('doc.searchable')}
                  </a>
                ) : null}
              </p>
            )}
            <BerkasPanel kind="document" id={d.id} />
          </section>

          {hasRole(user, 'clerk', 'admin') && !gone ? (
            <div class="fix-panel">
              <DetailsEditor<DocumentMeta>
                path={`/documents/${encodeURIComponent(d.id)}`}
                version={d.version}
                fields={DOCUMENT_FIELDS}
                values={documentValues(d)}
                onSaved={(saved) => doc.setData(saved)}
              />
            </div>
          ) : null}

          <section class="card doc-preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t('doc.preview')}</h2>
            {gone ? <ContentGone doc={d} /> : <PageImages doc={d} />}
          </section>

          <RetentionPanel doc={d} />

          <section class="card doc-text" aria-labelledby="text-title" hidden={gone}>
            <h2 id="text-title">{t('doc.text')}</h2>
            <ErrorBox error={text.error} onRetry={text.reload} />
            {text.data?.pages.length ? (
              text.data.pages.map((p) => (
                <section key={p.page} class="page-text" aria-labelledby={`page-${p.page}`}>
                  <h3 id={`page-${p.page}`}>
                    {t('doc.page', { n: p.page })}
                    {p.confidence !== undefined ? <span class="muted small"> · {t('doc.confidence', { n: Math.round(p.confidence) })}</span> : null}
                  </h3>
                  <p class="extracted">{p.text}</p>
                </section>
              ))
            ) : text.loading && ready ? (
              <Loading />
            ) : (
              <p class="muted">{t('doc.textEmpty')}</p>
            )}
          </section>

          <CorrectionHistory path={`/documents/${encodeURIComponent(d.id)}/corrections`} refreshKey={String(d.version)} labels={DOCUMENT_LABELS} />

          {auditor ? <DocumentHistory documentId={d.id} refreshKey={d.status} /> : null}
        </div>
      ) : null}
    </>
  );
};
