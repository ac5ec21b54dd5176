import { useState } from 'preact/hooks';
import { del, get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link, withParams } from '../router.tsx';
import { ErrorBox, Field, Notice } from './ui.tsx';

interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters: Record<string, string>;
}

/** The search page's address for a saved search: its words, filters and sort. */
const hrefOf = (s: SavedSearch): string => `/search${withParams(new URLSearchParams(), { q: s.query || undefined, ...s.filters })}`;

/**
 * The caller's saved searches (issue 18) beside the results: each runs with one click or is
 * deleted; the search on screen (words, filters, sort as in `current`) is saved under a name.
 */
export const SavedSearches = ({ current }: { current: { q: string; filters: Record<string, string> } }) => {
  const saved = useLoad((signal) => get<{ items: SavedSearch[] }>('/search/saved', { signal }), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const act = async (fn: () => Promise<unknown>, message = '') => {
    setError(null);
    setDone('');
    try {
      await fn();
      setDone(message);
      saved.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="saved-searches" aria-labelledby="saved-title">
      <h2 id="saved-title">{t('saved.title')}</h2>
      <ErrorBox error={saved.error} onRetry={saved.reload} />
      {saved.data ? (
        saved.data.items.length ? (
          <ul>
            {saved.data.items.map((s) => (
              <li key={s.id}>
                <Link href={hrefOf(s)} aria-label={t('saved.runLabel', { name: s.name })}>
                  {s.name}
                </Link>{' '}
                <button
                  type="button"
                  class="btn-link"
                  aria-label={t('saved.deleteLabel', { name: s.name })}
                  onClick={() => void act(() => del(`/search/saved/${s.id}`))}
                >
                  {t('saved.delete')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">{t('saved.none')}</p>
        )
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) return;
          void act(
            () => post('/search/saved', { name: trimmed, query: current.q, filters: current.filters }).then(() => setName('')),
            t('saved.saved', { name: trimmed }),
          );
        }}
      >
        <Field label={t('saved.name')}>
          {(p) => <input {...p} name="savedName" maxLength={100} required value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="btn">
          {t('saved.save')}
        </button>
      </form>
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <ErrorBox error={error} />
    </section>
  );
};
