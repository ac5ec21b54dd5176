import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get } from '../api.ts';
import { DispositionForm } from '../components/disposition-form.tsx';
import { DispositionSheetLink } from '../components/disposition-sheet-link.tsx';
import { DispositionTreeView } from '../components/disposition-tree.tsx';
import { DocumentPreview } from '../components/document-preview.tsx';
import { agendaOf, IncomingStatusBadge, LetterDate, UrgencyBadge } from '../components/letter-bits.tsx';
import { CorrectionHistory } from '../components/correction-history.tsx';
import { DetailsEditor, type EditableField, localInput } from '../components/details-editor.tsx';
import { ErrorBox, Field, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { VoidForm } from '../components/void-form.tsx';
import { IncomingThread } from '../components/letter-thread.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { label, type MessageKey, t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { Disposition, DispositionTree, DocumentMeta, IncomingLetter, User } from '../types.ts';

const LETTER_FIELDS: EditableField[] = [
  { name: 'letterNumber', label: 'doc.letterNumber', kind: 'text', max: 100, required: true },
  { name: 'letterDate', label: 'incoming.letterDate', kind: 'date', required: true },
  { name: 'sender', label: 'doc.sender', kind: 'text', max: 300, required: true },
  { name: 'subject', label: 'incoming.subject', kind: 'text', max: 500, required: true },
  { name: 'urgency', label: 'incoming.urgency', kind: 'urgency' },
  { name: 'receivedAt', label: 'fix.receivedAt', kind: 'datetime', required: true },
  { name: 'classificationCode', label: 'doc.classificationCode', kind: 'code', max: 40 },
  { name: 'securityLevel', label: 'doc.securityLevel', kind: 'level' },
  { name: 'unitCode', label: 'doc.unit', kind: 'unit' },
];
/** The history also names the agenda number a move to another unit's register changed. */
const LETTER_LABELS: Record<string, MessageKey> = { ...Object.fromEntries(LETTER_FIELDS.map((f) => [f.name, f.label])), agendaNumber: 'incoming.agendaNumber' };
const letterValues = (l: IncomingLetter): Record<string, string> => ({
  letterNumber: l.letterNumber,
  letterDate: l.letterDate,
  sender: l.sender,
  subject: l.subject,
  urgency: l.urgency,
  receivedAt: localInput(l.receivedAt),
  classificationCode: l.classificationCode ?? '',
  securityLevel: l.securityLevel,
  unitCode: l.unitCode,
});

const Row = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children ?? t('doc.none')}</dd>
  </>
);

/** The open dispositions of the letter this user holds (sent to them or to their unit). */
export const heldBy = (items: Disposition[], user: Pick<User, 'id' | 'unitCode'>): Disposition[] =>
  items.flatMap((d) => [
    ...(d.status === 'open' && (('user' in d.to && d.to.user.id === user.id) || ('unit' in d.to && d.to.unit.code === user.unitCode)) ? [d] : []),
    ...heldBy(d.children ?? [], user),
  ]);

/**
 * One incoming letter: its details, the scan, the routing (who holds it now and since when),
 * and for an official or a holder the disposition form.
 */
export const IncomingLetterPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const letter = useLoad((signal) => get<IncomingLetter>(`/letters/incoming/${encodeURIComponent(id)}`, { signal }), [id]);
  const l = letter.data;
  useTitle(l ? `${t('incoming.agendaShort', { n: agendaOf(l) })} · ${l.subject}` : t('incoming.letter'), officeName(units));
  const doc = useLoad(
    (signal) => (l ? get<DocumentMeta>(`/documents/${encodeURIComponent(l.documentId)}`, { signal }) : Promise.resolve(null)),
    [l?.documentId],
  );
  const tree = useLoad((signal) => get<DispositionTree>(`/letters/incoming/${encodeURIComponent(id)}/dispositions`, { signal }), [id]);
  const held = tree.data ? heldBy(tree.data.items, user) : [];
  const [parentId, setParentId] = useState('');
  const mayRoute = hasRole(user, 'official') || held.length > 0;
  const forwarding = held.length > 0;
  // Clerks (and admins) correct and void what they registered; a delivered letter follows its signed original.
  const correctable = !!l && hasRole(user, 'clerk', 'admin') && !l?.voided && !l?.sourceOutgoingId;

  return (
    <>
      <PageTitle>{l ? l.subject : t('incoming.letter')}</PageTitle>
      {letter.loading && !l ? <Loading /> : null}
      <ErrorBox error={letter.error} onRetry={letter.reload} />
      {l ? (
        <div class="doc-layout">
          <section class="card doc-meta" aria-labelledby="letter-meta">
            <h2 id="letter-meta">{t('incoming.letter')}</h2>
            <p class="agenda-number">
              {t('incoming.agendaNumber')}: <strong>{agendaOf(l)}</strong>
            </p>
            {l.voided ? <Notice tone="warn">{t('void.done', { n: agendaOf(l), at: dateTime(l.voided.at), reason: l.voided.reason })}</Notice> : null}
            <dl>
              <Row term={t('incoming.status')}>
                <IncomingStatusBadge status={tree.data?.status ?? l.status} voided={l.voided !== null} />
              </Row>
              <Row term={t('incoming.urgency')}>
                <UrgencyBadge urgency={l.urgency} />
              </Row>
              <Row term={t('doc.letterNumber')}>{l.letterNumber}</Row>
              <Row term={t('incoming.letterDate')}>
                <LetterDate ymd={l.letterDate} />
              </Row>
              <Row term={t('doc.sender')}>{l.sender}</Row>
              <Row term={t('incoming.received')}>{dateTime(l.receivedAt)}</Row>
              <Row term={t('doc.securityLevel')}>{label('level', l.securityLevel)}</Row>
              <Row term={t('doc.classificationCode')}>{l.classificationCode}</Row>
              <Row term={t('doc.unit')}>{unitName(units, l.unitCode)}</Row>
            </dl>
            <IncomingThread l={l} canReply={hasRole(user, 'staff', 'official', 'clerk')} />
            <p>
              <Link href={`/documents/${l.documentId}`}>{t('incoming.document')}</Link>
            </p>
          </section>

          {correctable ? (
            <div class="fix-panel">
              <DetailsEditor<IncomingLetter>
                path={`/letters/incoming/${encodeURIComponent(l.id)}`}
                version={l.version}
                fields={LETTER_FIELDS}
                values={letterValues(l)}
                onSaved={(saved) => letter.setData({ ...l, ...saved })}
              />
              <VoidForm letter={l} onVoided={(saved) => letter.setData({ ...l, ...saved })} />
            </div>
          ) : null}

          <section class="card doc-preview" aria-labelledby="letter-preview">
            <h2 id="letter-preview">{t('doc.preview')}</h2>
            <ErrorBox error={doc.error} onRetry={doc.reload} />
            {doc.data ? <DocumentPreview doc={doc.data} /> : doc.loading ? <Loading /> : null}
          </section>

          <section class="card dispo-card" aria-labelledby="routing-title">
            <h2 id="routing-title">{t('dispo.tree')}</h2>
            {tree.loading && !tree.data ? <Loading /> : null}
            <ErrorBox error={tree.error} onRetry={tree.reload} />
            {tree.data ? <DispositionTreeView tree={tree.data} /> : null}
            <DispositionSheetLink letterId={l.id} />
          </section>

          <CorrectionHistory path={`/letters/incoming/${encodeURIComponent(l.id)}/corrections`} refreshKey={String(l.version)} labels={LETTER_LABELS} />

          {mayRoute && tree.data && !l.voided ? (
            <section class="card dispo-card">
              {held.length > 1 ? (
                <Field label={t('dispo.forwardWhich')}>
                  {(p) => (
                    <select {...p} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
                      <option value="">{t('form.choose')}</option>
                      {held.map((d) => (
                        <option key={d.id} value={d.id}>
                          {`${d.from.name}: ${d.instruction.slice(0, 60)}`}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
              <DispositionForm
                letterId={l.id}
                parentId={held.length > 1 ? parentId || undefined : undefined}
                heading={forwarding ? t('dispo.forward') : t('dispo.title')}
                onDone={() => tree.reload()}
              />
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
};
