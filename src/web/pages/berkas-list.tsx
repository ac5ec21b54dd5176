import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.ts';
import { ErrorBox, Field, Loading, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, navigate } from '../router.tsx';
import { officeName, unitName, useSession } from '../session.tsx';
import type { Berkas, BerkasSummary } from '../types.ts';

/** The berkas of the reader's unit and those below it, found by name; a new one opened here. */
export const BerkasListPage = () => {
  const { units } = useSession();
  useTitle(t('berkas.listTitle'), officeName(units));
  const [q, setQ] = useState('');
  const list = useLoad((signal) => get<{ items: BerkasSummary[] }>('/berkas', { query: { q: q.trim() }, signal }), [q]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const open = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await post<Berkas>('/berkas', { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) });
      navigate(`/berkas/${made.id}`);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  };
  return (
    <>
      <PageTitle>{t('berkas.listTitle')}</PageTitle>
      <div class="two-col">
        <section class="card" aria-labelledby="berkas-find">
          <h2 id="berkas-find">{t('berkas.find')}</h2>
          <Field label={t('berkas.search')}>{(p) => <input {...p} type="search" name="q" value={q} onInput={(e) => setQ(e.currentTarget.value)} />}</Field>
          <ErrorBox error={list.error} onRetry={list.reload} />
          {!list.data ? <Loading /> : null}
          {list.data && list.data.items.length === 0 ? <p class="muted">{t('berkas.noneFound')}</p> : null}
          <ul class="mini-list berkas-list">
            {list.data?.items.map((b) => (
              <li key={b.id}>
                <Link href={`/berkas/${b.id}`}>{b.name}</Link>{' '}
                <span class="small muted">
                  ({t('berkas.count', { n: b.itemCount ?? 0 })}, {unitName(units, b.unitCode)}, {dateTime(b.updatedAt)})
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="berkas-open">
          <h2 id="berkas-open">{t('berkas.open')}</h2>
          {error && !error.errors.length ? <ErrorBox error={error} /> : null}
          <form onSubmit={open}>
            <Field label={t('berkas.name')} error={error?.fieldError('name')} required>
              {(p) => <input {...p} name="name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />}
            </Field>
            <Field label={t('berkas.description')} error={error?.fieldError('description')}>
              {(p) => (
                <textarea {...p} name="description" rows={3} maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
              )}
            </Field>
            <button type="submit" class="btn btn-primary">
              {t('berkas.openButton')}
            </button>
          </form>
        </section>
      </div>
    </>
  );
};
