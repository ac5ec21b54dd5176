import { useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import { hasRole, useSession } from '../session.tsx';
import type { Berkas, BerkasItemKind, BerkasSummary } from '../types.ts';
import { ErrorBox, Field } from './ui.tsx';

/** Where an item of a berkas opens. */
export const itemHref = (kind: BerkasItemKind, id: string): string =>
  kind === 'document' ? `/documents/${id}` : kind === 'incoming' ? `/incoming/${id}` : `/outgoing/${id}`;

const NEW = 'new';

/**
 * The berkas (files per matter) a letter or document is in, each with the other papers of that
 * matter: the whole thread beyond replies. Those who keep berkas put it in one, or in a new one.
 */
export const BerkasPanel = ({ kind, id }: { kind: BerkasItemKind; id: string }) => {
  const { user } = useSession();
  const held = useLoad((signal) => get<{ items: Berkas[] }>('/berkas', { query: { kind, itemId: id }, signal }), [kind, id]);
  const filer = hasRole(user, 'admin', 'clerk', 'staff', 'official', 'archivist');
  const all = useLoad((signal) => (filer ? get<{ items: BerkasSummary[] }>('/berkas', { signal }) : Promise.resolve({ items: [] })), [filer]);
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inIt = new Set((held.data?.items ?? []).map((b) => b.id));
  const offered = (all.data?.items ?? []).filter((b) => !inIt.has(b.id));
  const target = choice || (offered[0]?.id ?? NEW);

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const berkasId = target === NEW ? (await post<Berkas>('/berkas', { name: name.trim() })).id : target;
      await post<Berkas>(`/berkas/${encodeURIComponent(berkasId)}/items`, { kind, id });
      setName('');
      setChoice('');
      held.reload();
      all.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="berkas-panel">
      <h3>{t('berkas.title')}</h3>
      <ErrorBox error={held.error} onRetry={held.reload} />
      {held.data && held.data.items.length === 0 ? <p class="muted small">{t('berkas.none')}</p> : null}
      {held.data?.items.map((b) => (
        <div key={b.id} class="berkas-held">
          <Link href={`/berkas/${b.id}`}>{b.name}</Link>
          <ul class="delivery-list">
            {b.items
              .filter((i) => !(i.kind === kind && i.id === id))
              .map((i) => (
                <li key={`${i.kind}-${i.id}`}>
                  <Link href={itemHref(i.kind, i.id)}>{i.title}</Link> <span class="small muted">({t(`berkas.kind.${i.kind}`)})</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {filer ? (
        <form onSubmit={add} aria-busy={busy} class="berkas-add">
          <ErrorBox error={error} labels={{ name: 'berkas.newName' }} />
          <Field label={t('berkas.putIn')}>
            {(p) => (
              <select {...p} name="berkas" value={target} onChange={(e) => setChoice(e.currentTarget.value)}>
                {offered.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
                <option value={NEW}>{t('berkas.new')}</option>
              </select>
            )}
          </Field>
          {target === NEW ? (
            <Field label={t('berkas.newName')} required>
              {(p) => <input {...p} name="berkasName" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />}
            </Field>
          ) : null}
          <button type="submit" class="btn" disabled={busy}>
            {t('berkas.add')}
          </button>
        </form>
      ) : null}
    </div>
  );
};
