import { useState } from 'preact/hooks';
import { formatNumber, PLACEHOLDERS } from '../../domain/letter-types.ts';
import { formatProblem } from '../letter-type-format.ts';
import { ApiError, get, patch, post } from '../api.ts';
import { ErrorBox, Field, Loading, Notice, PageTitle } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { type MessageKey, t } from '../i18n.ts';
import { officeName, useSession } from '../session.tsx';
import type { LetterType } from '../types.ts';

type AdminLetterType = LetterType & { builtin: boolean };

const example = (format: string): string =>
  formatNumber(format, { code: '800', seq: 12, unit: 'BKD', year: new Date().getFullYear(), month: new Date().getMonth() + 1 });

interface Draft {
  code: string;
  name: string;
  numberFormat: string;
  heading: string;
}

/** Adds a type (with its code and heading) or edits one (name and number format). */
const TypeForm = ({ editing, onDone, onCancel }: { editing: AdminLetterType | null; onDone: (t: AdminLetterType) => void; onCancel?: () => void }) => {
  const [d, setD] = useState<Draft>({ code: '', name: editing?.name ?? '', numberFormat: editing?.numberFormat ?? '{code}/{seq}/{unit}/{year}', heading: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [tried, setTried] = useState(false);
  const problem = formatProblem(d.numberFormat);
  const prefix = editing ? `edit-${editing.code}` : 'new';
  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (problem) return;
    try {
      const saved = editing
        ? await patch<AdminLetterType>(`/letter-types/${encodeURIComponent(editing.code)}`, { name: d.name.trim(), numberFormat: d.numberFormat.trim() })
        : await post<AdminLetterType>('/letter-types', {
            code: d.code.trim(),
            name: d.name.trim(),
            numberFormat: d.numberFormat.trim(),
            template: { heading: d.heading.trim() || null },
          });
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };
  const formatError = (tried && problem ? t(problem, { list: PLACEHOLDERS.map((p) => `{${p}}`).join(' ') }) : undefined) ?? error?.fieldError('numberFormat');
  return (
    <form onSubmit={submit} aria-labelledby={`${prefix}-title`} noValidate>
      {error && !error.errors.length ? <ErrorBox error={error} /> : null}
      {editing ? null : (
        <Field label={t('types.code')} hint={t('types.codeHint')} error={error?.fieldError('code')} required>
          {(p) => <input {...p} name="code" value={d.code} maxLength={40} onInput={(e) => setD({ ...d, code: e.currentTarget.value })} />}
        </Field>
      )}
      <Field label={t('types.name')} error={error?.fieldError('name')} required>
        {(p) => <input {...p} name="name" value={d.name} maxLength={200} onInput={(e) => setD({ ...d, name: e.currentTarget.value })} />}
      </Field>
      <Field
        label={t('types.numberFormat')}
        hint={problem ? t('types.formatHint') : t('types.formatExample', { example: example(d.numberFormat) })}
        error={formatError}
        required
      >
        {(p) => (
          <input {...p} name="numberFormat" value={d.numberFormat} maxLength={200} onInput={(e) => setD({ ...d, numberFormat: e.currentTarget.value })} />
        )}
      </Field>
      {editing ? null : (
        <Field label={t('types.heading')} hint={t('types.headingHint')} error={error?.fieldError('template.heading')}>
          {(p) => <input {...p} name="heading" value={d.heading} maxLength={100} onInput={(e) => setD({ ...d, heading: e.currentTarget.value })} />}
        </Field>
      )}
      <div class="actions">
        <button type="submit" class="btn btn-primary">
          {editing ? t('types.save') : t('types.create')}
        </button>
        {onCancel ? (
          <button type="button" class="btn" onClick={onCancel}>
            {t('types.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
};

/** The naskah types (admins): each with its number format; add a type, edit a name or format. */
export const AdminLetterTypesPage = () => {
  const { units } = useSession();
  useTitle(t('types.title'), officeName(units));
  const list = useLoad((signal) => get<AdminLetterType[]>('/letter-types', { signal }), []);
  const [editing, setEditing] = useState<AdminLetterType | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const saved = (message: MessageKey) => (lt: AdminLetterType) => {
    setEditing(null);
    setDone(t(message, { name: lt.name }));
    list.reload();
  };
  return (
    <>
      <PageTitle>{t('types.title')}</PageTitle>
      <p>{t('types.intro')}</p>
      {done ? <Notice tone="ok">{done}</Notice> : null}
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : null}
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('types.title')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('types.name')}</th>
                <th scope="col">{t('types.code')}</th>
                <th scope="col">{t('types.numberFormat')}</th>
                <th scope="col">{t('types.origin')}</th>
                <th scope="col">
                  <span class="sr-only">{t('types.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((lt) => (
                <tr key={lt.code}>
                  <td>{lt.name}</td>
                  <td>
                    <code>{lt.code}</code>
                  </td>
                  <td>
                    <code>{lt.numberFormat}</code>
                  </td>
                  <td>{lt.builtin ? t('types.builtin') : t('types.custom')}</td>
                  <td>
                    <button type="button" class="btn-link" aria-label={`${t('types.edit')}: ${lt.name}`} onClick={() => setEditing(lt)}>
                      {t('types.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="two-col">
        {editing ? (
          <section class="card" key={editing.code}>
            <h2 id={`edit-${editing.code}-title`}>{t('types.editTitle', { name: editing.name })}</h2>
            <TypeForm editing={editing} onDone={saved('types.saved')} onCancel={() => setEditing(null)} />
          </section>
        ) : null}
        <section class="card">
          <h2 id="new-title">{t('types.new')}</h2>
          <TypeForm editing={null} onDone={saved('types.created')} />
        </section>
      </div>
    </>
  );
};
