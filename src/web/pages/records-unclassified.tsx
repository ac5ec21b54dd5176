import { useState } from 'preact/hooks';
import { get, patch } from '../api.ts';
import { CLASSIFICATION_LIST, ClassificationOptions } from '../components/classification-options.tsx';
import { DataTable } from '../components/data-table.tsx';
import { Day, useAct } from '../components/records-bits.tsx';
import { ErrorBox, Loading, Notice, Pager, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle, useSuccess } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate, useLocation, withParams } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import type { DocumentMeta, Page } from '../types.ts';

const LIMIT = 50;

/** One record's code: typed or picked from the scheme's suggestions, saved on its own. */
const ClassifyForm = ({ doc, onDone }: { doc: DocumentMeta; onDone: (code: string) => void }) => {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAct();
  const id = `classify-${doc.id}`;
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim();
        if (c)
          void run(async () =>
            onDone((await patch<DocumentMeta>(`/documents/${encodeURIComponent(doc.id)}`, { classificationCode: c })).classificationCode ?? c),
          );
      }}
    >
      <label class="sr-only" for={id}>
        {t('unclassified.codeFor', { title: doc.title })}
      </label>
      <input
        id={id}
        name="classificationCode"
        value={code}
        list={CLASSIFICATION_LIST}
        maxLength={32}
        placeholder={t('classes.pick')}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <button type="submit" class="btn" disabled={busy || !code.trim()}>
        {t('unclassified.save')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
};

/**
 * Records filed without a code the scheme knows (belum terklasifikasi): they have no retention
 * until someone classifies them. A code an old register used (legacyCode) is shown as a clue.
 */
export const RecordsUnclassifiedPage = () => {
  const { units } = useSession();
  useTitle(t('unclassified.title'), officeName(units));
  const loc = useLocation();
  const page = Math.max(1, Number(loc.query.get('page')) || 1);
  const list = useLoad((signal) => get<Page<DocumentMeta>>('/records/unclassified', { query: { page, limit: LIMIT }, signal }), [page]);
  const [done, setDone] = useSuccess<string>();
  const items = list.data?.items ?? [];

  return (
    <>
      <PageTitle>{t('unclassified.title')}</PageTitle>
      <p>{t('unclassified.intro')}</p>
      <ClassificationOptions />
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? <p class="muted">{t('unclassified.count', { n: list.data.total })}</p> : null}
      {items.length ? (
        <DataTable
          label={t('unclassified.title')}
          items={items}
          busy={list.loading}
          columns={[
            { head: t('records.record'), cell: (d) => <Link href={`/documents/${d.id}`}>{d.title || d.id}</Link>, class: 'wrap record-title' },
            { head: t('unclassified.legacy'), cell: (d) => (d.legacyCode ? <code>{d.legacyCode}</code> : t('doc.none')) },
            { head: t('retention.recordDate'), cell: (d) => <Day ymd={d.retention.recordDate} /> },
            { head: t('doc.unit'), cell: (d) => unitName(units, d.unitCode) },
            {
              head: t('doc.classificationCode'),
              cell: (d) => (
                <ClassifyForm
                  doc={d}
                  onDone={(code) => {
                    setDone(t('unclassified.done', { title: d.title, code }));
                    list.reload();
                  }}
                />
              ),
            },
          ]}
        />
      ) : list.data ? (
        <p>{t('unclassified.none')}</p>
      ) : null}
      {list.data ? (
        <Pager page={page} total={list.data.total} limit={LIMIT} onPage={(p) => navigate(`/records/unclassified${withParams(loc.query, { page: p })}`)} />
      ) : null}
    </>
  );
};
