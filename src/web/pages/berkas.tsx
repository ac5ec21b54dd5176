import { useState } from 'preact/hooks';
import { del, get } from '../api.ts';
import { itemHref } from '../components/berkas-panel.tsx';
import { ErrorBox, Loading, PageTitle } from '../components/ui.tsx';
import { dateTime } from '../format.ts';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';
import type { Berkas } from '../types.ts';

/** One berkas: the documents and letters of its matter the reader may see, oldest first; its keepers take one out. */
export const BerkasPage = ({ params }: PageProps) => {
  const { units, user } = useSession();
  const b = useLoad((signal) => get<Berkas>(`/berkas/${encodeURIComponent(params.id!)}`, { signal }), [params.id]);
  useTitle(b.data?.name ?? t('berkas.title'), officeName(units));
  const [error, setError] = useState<unknown>(null);
  const filer = hasRole(user, 'admin', 'clerk', 'staff', 'official', 'archivist');
  const remove = async (kind: string, id: string) => {
    setError(null);
    try {
      b.setData(await del<Berkas>(`/berkas/${encodeURIComponent(params.id!)}/items/${kind}/${id}`));
    } catch (e) {
      setError(e);
    }
  };
  if (b.error) return <ErrorBox error={b.error} onRetry={b.reload} />;
  if (!b.data) return <Loading />;
  const d = b.data;
  return (
    <>
      <PageTitle>
        {t('berkas.title')}: {d.name}
      </PageTitle>
      <p class="muted">
        {unitName(units, d.unitCode)}
        {d.description ? ` — ${d.description}` : ''}
      </p>
      <ErrorBox error={error} />
      {d.items.length === 0 ? <p>{t('berkas.empty')}</p> : null}
      <ul class="berkas-items">
        {d.items.map((i) => (
          <li key={`${i.kind}-${i.id}`}>
            <Link href={itemHref(i.kind, i.id)}>{i.title}</Link>{' '}
            <span class="small muted">
              ({t(`berkas.kind.${i.kind}`)}, {dateTime(i.addedAt)})
            </span>{' '}
            {filer ? (
              <button type="button" class="btn-link" aria-label={`${t('berkas.remove')}: ${i.title}`} onClick={() => void remove(i.kind, i.id)}>
                {t('berkas.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
};
