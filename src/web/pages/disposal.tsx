import { useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { useReadNoticesAbout } from '../components/bell.tsx';
import { ActPage, Fact, FactsCard, MinutesFact, RecordsCard, useByWhom } from '../components/act-page.tsx';
import { ActError, DisposalBadge, useAct } from '../components/records-bits.tsx';
import { Field, Notice } from '../components/ui.tsx';
import { useLoad, usePoll, useTitle } from '../hooks.ts';
import { t } from '../i18n.ts';
import type { Disposal } from '../records-types.ts';
import type { PageProps } from '../routes.ts';
import { hasRole, officeName, unitName, useSession } from '../session.tsx';

const enc = encodeURIComponent;

/** The head of the unit approves or rejects a proposed disposal, with a note that stays with it. */
const DecisionForm = ({ disposal, onDone }: { disposal: Disposal; onDone: () => void }) => {
  const [note, setNote] = useState('');
  const { busy, error, run } = useAct();
  const decide = (verb: 'approve' | 'reject') =>
    run(async () => {
      await post(`/disposals/${enc(disposal.id)}/${verb}`, note.trim() ? { note: note.trim() } : {});
      onDone();
    });
  return (
    <form aria-labelledby="decide-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="decide-title">{t('disposals.decideTitle')}</h2>
      <p>{t('disposals.decideIntro')}</p>
      <Field label={t('disposals.note')} hint={t('disposals.noteHint')}>
        {(p) => <textarea {...p} name="note" rows={2} maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <ActError error={error} />
      <div class="actions">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void decide('approve')}>
          {t('disposals.approve')}
        </button>
        <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void decide('reject')}>
          {t('disposals.reject')}
        </button>
      </div>
    </form>
  );
};

/**
 * The archivist carries out an approved disposal, once, after saying they understand it cannot be
 * undone. The server answers when it is done (200) or still destroying (202): the page then
 * follows it until the minutes exist.
 */
const ExecuteForm = ({ disposal, onDone }: { disposal: Disposal; onDone: () => void }) => {
  const [sure, setSure] = useState(false);
  const { busy, error, run } = useAct();
  return (
    <form
      aria-labelledby="execute-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await post(`/disposals/${enc(disposal.id)}/execute`);
          onDone();
        });
      }}
    >
      <h2 id="execute-title">{t('disposals.executeTitle')}</h2>
      <Notice tone="warn">{t('disposals.executeWarning')}</Notice>
      <label class="check">
        <input type="checkbox" name="sure" checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} /> {t('disposals.executeSure')}
      </label>
      <ActError error={error} />
      <p>
        <button type="submit" class="btn btn-danger" disabled={busy || !sure}>
          {busy ? t('disposals.executing') : t('disposals.execute')}
        </button>
      </p>
    </form>
  );
};

/** One disposal: its reason, who proposed, decided and carried it out, each record's fate, the minutes. */
export const DisposalPage = ({ params }: PageProps) => {
  const id = params.id!;
  const { user, units } = useSession();
  const disposal = useLoad((signal) => get<Disposal>(`/disposals/${enc(id)}`, { signal }), [id]);
  const d = disposal.data;
  useTitle(t('disposals.one'), officeName(units));
  useReadNoticesAbout(id);
  // Execution runs as a job: follow it until the records are destroyed and the minutes written.
  usePoll(
    async () => {
      const fresh = await get<Disposal>(`/disposals/${enc(id)}`);
      disposal.setData(fresh);
      return fresh.status === 'executing';
    },
    1000,
    d?.status === 'executing',
  );
  const byWhom = useByWhom([d?.proposedBy, d?.decidedBy, d?.executedBy]);

  return (
    <ActPage title={t('disposals.one')} loaded={disposal}>
      {(d) => {
        const items = typeof d.items === 'number' ? [] : d.items;
        const deciding = d.status === 'proposed' && hasRole(user, 'official') && d.proposedBy !== user.id;
        const executing = d.status === 'approved' && hasRole(user, 'archivist');
        return (
          <>
            <FactsCard
              after={
                <>
                  {d.status === 'executing' ? <Notice>{t('disposals.executingNote')}</Notice> : null}
                  {d.status === 'proposed' && !deciding ? <p class="muted">{t('disposals.waitingHead')}</p> : null}
                  {deciding ? <DecisionForm disposal={d} onDone={disposal.reload} /> : null}
                  {executing ? <ExecuteForm disposal={d} onDone={disposal.reload} /> : null}
                </>
              }
            >
              <Fact term={t('acts.state')}>
                <DisposalBadge status={d.status} />
              </Fact>
              <Fact term={t('acts.reason')}>{d.reason}</Fact>
              <Fact term={t('doc.unit')}>{unitName(units, d.unitCode)}</Fact>
              <Fact term={t('disposals.proposedBy')}>{byWhom(d.proposedBy, d.proposedAt)}</Fact>
              {d.decidedBy ? (
                <Fact term={d.status === 'rejected' ? t('disposals.rejectedBy') : t('disposals.approvedBy')}>
                  {byWhom(d.decidedBy, d.decidedAt)}
                  {d.decisionNote ? ` · “${d.decisionNote}”` : null}
                </Fact>
              ) : null}
              {d.executedBy ? <Fact term={t('disposals.executedBy')}>{byWhom(d.executedBy, d.executedAt)}</Fact> : null}
              <MinutesFact term={t('disposals.minutes')} act={d} />
            </FactsCard>
            <RecordsCard
              heading={t('disposals.records', { n: items.length })}
              ids={items.map((i) => i.documentId)}
              states={new Map(items.map((i) => [i.documentId, i.state]))}
            />
          </>
        );
      }}
    </ActPage>
  );
};
