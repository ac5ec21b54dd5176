import { useMemo, useState } from 'preact/hooks';
import { get, patch, post } from '../api.ts';
import { forgetClassificationCodes } from '../components/classification-options.tsx';
import { ClassificationForm, type ClassificationInput } from '../components/classification-form.tsx';
import { SchemeImport } from '../components/scheme-import.tsx';
import { ErrorBox, Field, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle, useSuccess } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import type { Classification } from '../operations-types.ts';
import { officeName, useSession } from '../session.tsx';
import type { Page } from '../types.ts';

const retention = (c: Classification): string =>
  c.activeYears === null && c.inactiveYears === null && c.finalDisposition === null
    ? t('classes.retentionUnset')
    : [
        c.activeYears !== null || c.inactiveYears !== null ? t('classes.retentionOf', { active: c.activeYears ?? '–', inactive: c.inactiveYears ?? '–' }) : '',
        c.finalDisposition ? label('classes.final', c.finalDisposition) : '',
      ]
        .filter(Boolean)
        .join(', ');

const depth = (code: string) => code.split('.').length - 1;

/**
 * The classification scheme: the whole list is loaded once (hundreds of codes) and filtered in
 * the browser as one types; add, edit, retire and restore codes, or import a whole scheme file
 * (admins and archivists).
 */
export const AdminClassificationsPage = () => {
  const { units } = useSession();
  useTitle(t('classes.title'), officeName(units));
  const list = useLoad((signal) => get<Page<Classification>>('/classifications', { query: { all: 'true', limit: 1000 }, signal }), []);
  const [q, setQ] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useSuccess<string>();
  const [error, setError] = useState<unknown>(null);
  const shown = useMemo(() => {
    const needle = q.trim().toLocaleLowerCase('id');
    return (list.data?.items ?? []).filter(
      (c) => (showRetired || c.active) && (!needle || c.code.toLowerCase().startsWith(needle) || c.name.toLocaleLowerCase('id').includes(needle)),
    );
  }, [list.data, q, showRetired]);

  const saved = (c: Classification, key: 'classes.created' | 'classes.saved') => {
    forgetClassificationCodes();
    setMessage(t(key, { code: c.code }));
    setError(null);
    setEditing(null);
    list.reload();
  };
  const setActive = async (c: Classification, active: boolean) => {
    try {
      saved(await patch<Classification>(`/classifications/${encodeURIComponent(c.code)}`, { active }), 'classes.saved');
    } catch (e) {
      setMessage(null);
      setError(e);
    }
  };

  return (
    <>
      <PageTitle>{t('classes.title')}</PageTitle>
      <p>{t('classes.intro')}</p>
      {message ? <Notice tone="ok">{message}</Notice> : null}
      <ErrorBox error={error} />
      <div class="two-col">
        <section class="card" aria-labelledby="classes-list-title">
          <h2 id="classes-list-title">{t('classes.list')}</h2>
          <div class="filters" role="search">
            <Field label={t('classes.filter')}>{(p) => <input {...p} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}</Field>
            <label class="check">
              <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.currentTarget.checked)} /> {t('classes.showRetired')}
            </label>
          </div>
          {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : null}
          {list.loading && !list.data ? <Loading /> : null}
          {list.data ? (
            <p class="muted" aria-live="polite">
              {t('classes.count', { n: shown.length })}
            </p>
          ) : null}
          {list.data && shown.length === 0 ? <p>{t('classes.none')}</p> : null}
          <ul class="class-list">
            {shown.map((c) => (
              <li key={c.code} class={c.active ? '' : 'retired'} style={{ paddingInlineStart: `${depth(c.code) * 1.25}rem` }}>
                <div class="class-line">
                  <code>{c.code}</code> <strong>{c.name}</strong>
                  {c.active ? null : <span class="badge">{t('classes.retired')}</span>}
                  <span class="muted"> · {retention(c)}</span>
                </div>
                {c.description ? <p class="muted">{c.description}</p> : null}
                {editing === c.code ? (
                  <section class="card" aria-label={t('classes.editing', { code: c.code })}>
                    <ClassificationForm
                      initial={c}
                      withCode={false}
                      submitLabel={t('classes.save')}
                      onCancel={() => setEditing(null)}
                      onSubmit={async (body: ClassificationInput) =>
                        saved(await patch<Classification>(`/classifications/${encodeURIComponent(c.code)}`, body), 'classes.saved')
                      }
                    />
                  </section>
                ) : (
                  <div class="row-actions">
                    <button type="button" class="btn-link" aria-label={`${t('classes.edit')} ${c.code}`} onClick={() => setEditing(c.code)}>
                      {t('classes.edit')}
                    </button>
                    <button
                      type="button"
                      class="btn-link"
                      aria-label={`${t(c.active ? 'classes.retire' : 'classes.restore')} ${c.code}`}
                      onClick={() => void setActive(c, !c.active)}
                    >
                      {t(c.active ? 'classes.retire' : 'classes.restore')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="new-class-title">
          <h2 id="new-class-title">{t('classes.new')}</h2>
          <ClassificationForm
            withCode
            submitLabel={t('classes.create')}
            onSubmit={async (body) => saved(await post<Classification>('/classifications', body), 'classes.created')}
          />
        </section>
      </div>
      <section class="card" aria-labelledby="scheme-import-title">
        <h2 id="scheme-import-title">{t('scheme.title')}</h2>
        <SchemeImport
          onImported={() => {
            forgetClassificationCodes();
            list.reload();
          }}
        />
      </section>
    </>
  );
};
