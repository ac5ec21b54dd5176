import { ActList } from '../components/act-list.tsx';
import { TransferBadge } from '../components/records-bits.tsx';
import { dateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { type Transfer, TRANSFER_STATUSES } from '../records-types.ts';
import { Link } from '../router.tsx';

/** Transfers of static records (penyerahan arsip statis) to an archive institution. */
export const TransfersPage = () => (
  <ActList<Transfer>
    title={t('transfers.title')}
    intro={t('transfers.intro')}
    path="/transfers"
    api="/transfers"
    param="status"
    tabs={[{ value: '', label: t('acts.all') }, ...TRANSFER_STATUSES.map((s) => ({ value: s, label: t(`transfers.status.${s}`) }))]}
    columns={[
      { head: t('transfers.createdAt'), cell: (x) => <Link href={`/transfers/${x.id}`}>{dateTime(x.createdAt)}</Link> },
      { head: t('acts.state'), cell: (x) => <TransferBadge status={x.status} /> },
      { head: t('transfers.recipient'), cell: (x) => <span class="wrap">{x.recipient}</span> },
      { head: t('records.records'), cell: (x) => x.items },
      {
        head: t('transfers.minutes'),
        cell: (x) => (x.minutesDocumentId ? <Link href={`/documents/${x.minutesDocumentId}`}>{x.minutesNumber}</Link> : t('doc.none')),
      },
    ]}
    empty={t('transfers.none')}
  />
);
