import { useState } from 'preact/hooks';
import { API, get, post } from '../api.ts';
import { ActPage, Fact, FactsCard, MinutesFact, RecordsCard, useByWhom } from '../components/act-page.tsx';
import { ActError, TransferBadge, useAct } from '../components/records-bits.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { Transfer } from '../records-types.ts';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';

const enc = encodeURIComponent;

/** The archive institution has the package: once confirmed, the records count as transferred. */
const ConfirmForm = ({ transfer, onDone }: { transfer: Transfer; onDone: (x: Transfer) => void }) => {
  const [sure, setSure] = useState(false);
  const { busy, error, run } = useAct();
  return (
    <form
      aria-labelledby="confirm-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => onDone(await post<Transfer>(`/transfers/${enc(transfer.id)}/confirm`)));
      }}
    >
      <h2 id="confirm-title">{t('transfers.confirmTitle')}</h2>
      <label class="check">
        <input type="checkbox" name="received" checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} />{' '}
        {t('transfers.confirmSure', { recipient: transfer.recipient })}
      </label>
      <ActError error={error} />
      <p>
        <button type="submit" class="btn btn-primary" disabled={busy || !sure}>
          {t('transfers.confirm')}
        </button>
      </p>
    </form>
  );
};

/** One transfer: to whom, the package to hand over (a BagIt ZIP), the minutes, the confirmation. */
export const TransferPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const transfer = useLoad((signal) => get<Transfer>(`/transfers/${enc(id)}`, { signal }), [id]);
  const x = transfer.data;
  useTitle(t('transfers.one'), officeName(units));
  const byWhom = useByWhom([x?.createdBy, x?.confirmedBy]);

  return (
    <ActPage title={t('transfers.one')} loaded={transfer}>
      {(x) => (
        <>
          <FactsCard
            after={
              x.status === 'prepared' ? (
                <>
                  <h2>{t('transfers.package')}</h2>
                  <p class="hint">{t('transfers.packageHint')}</p>
                  <p>
                    <a class="btn btn-primary" href={`${API}/transfers/${enc(x.id)}/package`} download>
                      {t('transfers.download')}
                    </a>
                  </p>
                  {hasRole(user, 'archivist') ? <ConfirmForm transfer={x} onDone={(fresh) => transfer.setData(fresh)} /> : null}
                </>
              ) : null
            }
          >
            <Fact term={t('acts.state')}>
              <TransferBadge status={x.status} />
            </Fact>
            <Fact term={t('transfers.recipient')}>{x.recipient}</Fact>
            <Fact term={t('doc.unit')}>{unitName(units, x.unitCode)}</Fact>
            <Fact term={t('transfers.preparedBy')}>{byWhom(x.createdBy, x.createdAt)}</Fact>
            {x.confirmedBy ? <Fact term={t('transfers.confirmedBy')}>{byWhom(x.confirmedBy, x.confirmedAt)}</Fact> : null}
            <MinutesFact term={t('transfers.minutes')} act={x} />
          </FactsCard>
          <RecordsCard heading={t('transfers.records', { n: x.documentIds?.length ?? x.items })} ids={x.documentIds ?? []} />
        </>
      )}
    </ActPage>
  );
};
