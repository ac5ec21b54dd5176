import { useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { ActPage, Fact, FactsCard, RecordsCard, useByWhom } from '../components/act-page.tsx';
import { ActError, useAct } from '../components/records-bits.tsx';
import { Field } from '../components/ui.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { Hold } from '../records-types.ts';
import type { PageProps } from '../routes.ts';
import { officeName, useSession } from '../session.tsx';

/** Releasing a hold: a reason is required (it stays in the audit trail with the hold). */
const ReleaseForm = ({ hold, onDone }: { hold: Hold; onDone: (h: Hold) => void }) => {
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAct();
  return (
    <form
      aria-labelledby="release-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => onDone(await post<Hold>(`/holds/${encodeURIComponent(hold.id)}/release`, { reason: reason.trim() })));
      }}
    >
      <h2 id="release-title">{t('holds.release')}</h2>
      <p class="hint">{t('holds.releaseHint')}</p>
      <Field label={t('acts.reason')} required>
        {(p) => <textarea {...p} name="reason" rows={2} minLength={3} maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
      </Field>
      <ActError error={error} />
      <button type="submit" class="btn btn-danger" disabled={busy || reason.trim().length < 3}>
        {t('holds.releaseSubmit')}
      </button>
    </form>
  );
};

/** One legal hold: why, since when, by whom, the records it keeps, and its release. */
export const HoldPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { units } = useSession();
  const hold = useLoad((signal) => get<Hold>(`/holds/${encodeURIComponent(id)}`, { signal }), [id]);
  const h = hold.data;
  useTitle(h?.name ?? t('holds.one'), officeName(units));
  const byWhom = useByWhom([h?.createdBy, h?.releasedBy]);

  return (
    <ActPage title={h ? t('holds.named', { name: h.name }) : t('holds.one')} loaded={hold}>
      {(h) => (
        <>
          <FactsCard after={h.open ? <ReleaseForm hold={h} onDone={(fresh) => hold.setData(fresh)} /> : null}>
            <Fact term={t('acts.state')}>
              {h.open ? <span class="badge badge-act-open">{t('holds.inForce')}</span> : <span class="badge">{t('holds.releasedBadge')}</span>}
            </Fact>
            <Fact term={t('acts.reason')}>
              <span class="wrap">{h.reason}</span>
            </Fact>
            <Fact term={t('holds.placedBy')}>{byWhom(h.createdBy, h.createdAt)}</Fact>
            {h.open ? null : (
              <>
                <Fact term={t('holds.releasedBy')}>{byWhom(h.releasedBy, h.releasedAt)}</Fact>
                <Fact term={t('holds.releaseReason')}>{h.releaseReason}</Fact>
              </>
            )}
          </FactsCard>
          <RecordsCard heading={t('holds.records', { n: h.documentIds?.length ?? h.items ?? 0 })} ids={h.documentIds ?? []} />
        </>
      )}
    </ActPage>
  );
};
