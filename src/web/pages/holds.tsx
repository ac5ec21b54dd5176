import { ActList } from '../components/act-list.tsx';
import { dateTime } from '../format.ts';
import { t } from '../i18n.ts';
import type { Hold } from '../records-types.ts';
import { Link } from '../router.tsx';

/** Legal holds (penahanan arsip): those in force first, then the released ones. */
export const HoldsPage = () => (
  <ActList<Hold>
    title={t('holds.title')}
    intro={t('holds.intro')}
    path="/holds"
    api="/holds"
    param="open"
    tabs={[
      { value: 'true', label: t('holds.open') },
      { value: 'false', label: t('holds.released') },
      { value: '', label: t('acts.all') },
    ]}
    columns={[
      { head: t('holds.name'), cell: (h) => <Link href={`/holds/${h.id}`}>{h.name}</Link> },
      { head: t('acts.reason'), cell: (h) => <span class="wrap">{h.reason}</span> },
      { head: t('records.records'), cell: (h) => h.items ?? '' },
      { head: t('holds.since'), cell: (h) => dateTime(h.createdAt) },
      {
        head: t('acts.state'),
        cell: (h) =>
          h.open ? <span class="badge badge-act-open">{t('holds.inForce')}</span> : t('holds.releasedAt', { at: h.releasedAt ? dateTime(h.releasedAt) : '' }),
      },
    ]}
    empty={t('holds.none')}
  />
);
