import { ActList } from '../components/act-list.tsx';
import { DisposalBadge } from '../components/records-bits.tsx';
import { dateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { type Disposal, DISPOSAL_STATUSES } from '../records-types.ts';
import { Link } from '../router.tsx';
import { unitName, useSession } from '../session.tsx';

/** Disposals (usul musnah → persetujuan → pemusnahan) of the units the reader keeps or heads. */
export const DisposalsPage = () => {
  const { units } = useSession();
  return (
    <ActList<Disposal>
      title={t('disposals.title')}
      intro={t('disposals.intro')}
      path="/disposals"
      api="/disposals"
      param="status"
      tabs={[{ value: '', label: t('acts.all') }, ...DISPOSAL_STATUSES.map((s) => ({ value: s, label: t(`disposals.status.${s}`) }))]}
      columns={[
        { head: t('disposals.proposedAt'), cell: (d) => <Link href={`/disposals/${d.id}`}>{dateTime(d.proposedAt)}</Link> },
        { head: t('acts.state'), cell: (d) => <DisposalBadge status={d.status} /> },
        { head: t('acts.reason'), cell: (d) => <span class="wrap">{d.reason}</span> },
        { head: t('records.records'), cell: (d) => (typeof d.items === 'number' ? d.items : d.items.length) },
        { head: t('doc.unit'), cell: (d) => unitName(units, d.unitCode) },
        {
          head: t('disposals.minutes'),
          cell: (d) => (d.minutesDocumentId ? <Link href={`/documents/${d.minutesDocumentId}`}>{d.minutesNumber}</Link> : t('doc.none')),
        },
      ]}
      empty={t('disposals.none')}
    />
  );
};
