import { WithdrawPanel } from '../components/withdraw-disposition.tsx';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post, upload, type UploadHandle } from '../api.ts';
import { DispositionForm } from '../components/disposition-form.tsx';
import { DispositionTreeView } from '../components/disposition-tree.tsx';
import { useReadNoticesAbout } from '../components/bell.tsx';
import { DocumentPreview } from '../components/document-preview.tsx';
import { ACCEPT_DOCUMENTS, DropZone } from '../components/drop-zone.tsx';
import { ActionList, addresseeName, agendaOf, DueDate, UrgencyBadge } from '../components/letter-bits.tsx';
import { ErrorBox, Field, Loading, Notice, PageTitle, SendingProgress } from '../components/ui.tsx';
import { bytes, dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { officeName, useSession } from '../session.tsx';
import type { Disposition, DispositionTree, DocumentMeta, IncomingLetter } from '../types.ts';

/** Completing with a report, and a file when there is one (then as a form, with progress). */
const CompleteForm = ({ id, onDone }: { id: string; onDone: (d: Disposition) => void }) => {
  const [report, setReport] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fraction, setFraction] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const handle = useRef<UploadHandle<Disposition> | null>(null);
  useEffect(() => () => handle.current?.abort(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (fraction !== null || !report.trim()) return;
    setError(null);
    setFraction(0);
    try {
      let done: Disposition;
      if (file) {
        const form = new FormData();
        form.append('report', report.trim());
        form.append('file', file, file.name);
        handle.current = upload<Disposition>(`/dispositions/${encodeURIComponent(id)}/complete`, form, setFraction);
        done = (await handle.current.done).body;
      } else {
        done = await post<Disposition>(`/dispositions/${encodeURIComponent(id)}/complete`, { report: report.trim() });
      }
      onDone(done);
    } catch (err) {
      setError(err);
    } finally {
      handle.current = null;
      setFraction(null);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="complete-title">
      <h2 id="complete-title">{t('dispo.complete')}</h2>
      <Field label={t('dispo.report')} required hint={t('dispo.reportHint')}>
        {(p) => <textarea {...p} name="report" rows={4} maxLength={10000} value={report} onInput={(e) => setReport(e.currentTarget.value)} />}
      </Field>
      <DropZone
        accept={ACCEPT_DOCUMENTS}
        onFiles={(f) => setFile(f[0] ?? null)}
        prompt={t('dispo.reportDrop')}
        button={t('upload.choose')}
        disabled={fraction !== null}
      >
        {file ? (
          <p class="chosen">
            {t('upload.chosen', { name: file.name, size: bytes(file.size) })}{' '}
            <button type="button" class="btn-link" onClick={() => setFile(null)}>
              {t('dispo.removeFile')}
            </button>
          </p>
        ) : null}
      </DropZone>
      {fraction !== null && file ? <SendingProgress id="report-progress" fraction={fraction} /> : null}
      <ErrorBox error={error} />
      <button type="submit" class="btn btn-primary" disabled={fraction !== null || !report.trim()}>
        {t('dispo.completeSubmit')}
      </button>
    </form>
  );
};

/** Completion blocked before anything is typed: the forwarded dispositions still open, each linked. */
const OpenChildren = ({ open }: { open: NonNullable<Disposition['openChildren']> }) => (
  <>
    <h2>{t('dispo.complete')}</h2>
    <Notice tone="warn">{t('dispo.openChildren')}</Notice>
    <ul class="open-children">
      {open.map((c) => (
        <li key={c.id}>
          <Link href={`/dispositions/${c.id}`}>{t('dispo.openChild', { to: addresseeName(c.to) })}</Link>
        </li>
      ))}
    </ul>
  </>
);

/** One disposition: opening it as its holder marks it read; forward it down or complete it with a report. */
export const DispositionPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const disp = useLoad((signal) => get<Disposition>(`/dispositions/${encodeURIComponent(id)}`, { signal }), [id]);
  useReadNoticesAbout(id);
  const d = disp.data;
  useTitle(d?.letter?.subject ?? t('dispo.one'), officeName(units));
  const letterId = d?.letterId;
  const letter = useLoad(
    (signal) => (letterId ? get<IncomingLetter>(`/letters/incoming/${encodeURIComponent(letterId)}`, { signal }) : Promise.resolve(null)),
    [letterId],
  );
  const doc = useLoad(
    (signal) => (letter.data ? get<DocumentMeta>(`/documents/${encodeURIComponent(letter.data.documentId)}`, { signal }) : Promise.resolve(null)),
    [letter.data?.documentId],
  );
  const [treeTick, setTreeTick] = useState(0);
  const tree = useLoad(
    (signal) => (letterId ? get<DispositionTree>(`/letters/incoming/${encodeURIComponent(letterId)}/dispositions`, { signal }) : Promise.resolve(null)),
    [letterId, treeTick],
  );
  const holder =
    d !== undefined && d.status === 'open' && (('user' in d.to && d.to.user.id === user.id) || ('unit' in d.to && d.to.unit.code === user.unitCode));

  return (
    <>
      <PageTitle>{d?.letter?.subject ?? t('dispo.one')}</PageTitle>
      {disp.loading && !d ? <Loading /> : null}
      <ErrorBox error={disp.error} onRetry={disp.reload} />
      {d ? (
        <div class="doc-layout">
          <section class="card doc-meta" aria-labelledby="dispo-meta">
            <h2 id="dispo-meta">{t('dispo.one')}</h2>
            {d.status === 'withdrawn' ? <Notice tone="warn">{t('dispo.withdrawnNote')}</Notice> : null}
            {d.status === 'completed' ? <Notice tone="ok">{t('dispo.doneNote', { at: d.completedAt ? dateTime(d.completedAt) : '' })}</Notice> : null}
            <dl>
              <dt>{t('dispo.from')}</dt>
              <dd>{d.from.name}</dd>
              <dt>{t('dispo.to')}</dt>
              <dd>{addresseeName(d.to)}</dd>
              <dt>{t('dispo.instruction')}</dt>
              <dd class="dispo-instruction">{d.instruction}</dd>
              <dt>{t('dispo.actions')}</dt>
              <dd>{d.actions.length ? <ActionList actions={d.actions} /> : t('doc.none')}</dd>
              <dt>{t('dispo.due')}</dt>
              <dd>
                <DueDate d={d} />
              </dd>
              <dt>{t('dispo.sentAt')}</dt>
              <dd>{dateTime(d.createdAt)}</dd>
              {d.letter ? (
                <>
                  <dt>{t('incoming.letter')}</dt>
                  <dd>
                    <Link href={`/incoming/${d.letterId}`}>{t('incoming.agendaShort', { n: agendaOf(d.letter) })}</Link>{' '}
                    <UrgencyBadge urgency={d.letter.urgency} />
                    <br />
                    {d.letter.sender} · {d.letter.letterNumber}
                  </dd>
                </>
              ) : null}
              {d.report ? (
                <>
                  <dt>{t('dispo.report')}</dt>
                  <dd>
                    {d.report} {d.reportDocumentId ? <Link href={`/documents/${d.reportDocumentId}`}>{t('dispo.reportFile')}</Link> : null}
                  </dd>
                </>
              ) : null}
            </dl>
          </section>

          <section class="card doc-preview" aria-labelledby="dispo-preview">
            <h2 id="dispo-preview">{t('doc.preview')}</h2>
            <ErrorBox error={letter.error ?? doc.error} />
            {doc.data ? <DocumentPreview doc={doc.data} /> : letter.loading || doc.loading ? <Loading /> : null}
          </section>

          {holder ? (
            <>
              <section class="card dispo-card">
                {d.openChildren?.length ? (
                  <OpenChildren open={d.openChildren} />
                ) : (
                  <CompleteForm
                    id={d.id}
                    onDone={(done) => {
                      disp.setData(done);
                      setTreeTick((n) => n + 1);
                    }}
                  />
                )}
              </section>
              <section class="card dispo-card">
                <DispositionForm
                  letterId={d.letterId}
                  parentId={d.id}
                  heading={t('dispo.forward')}
                  onDone={() => {
                    setTreeTick((n) => n + 1);
                    // What was just forwarded now blocks completing this one: say so at once.
                    disp.reload();
                  }}
                />
              </section>
            </>
          ) : null}

          {d.status === 'open' && !d.read && d.from.id === user.id ? (
            <WithdrawPanel
              d={d}
              onDone={(done) => {
                disp.setData(done);
                setTreeTick((n) => n + 1);
              }}
            />
          ) : null}

          <section class="card dispo-card" aria-labelledby="routing-title">
            <h2 id="routing-title">{t('dispo.tree')}</h2>
            <ErrorBox error={tree.error} onRetry={tree.reload} />
            {tree.data ? <DispositionTreeView tree={tree.data} /> : tree.loading ? <Loading /> : null}
          </section>
        </div>
      ) : null}
    </>
  );
};
