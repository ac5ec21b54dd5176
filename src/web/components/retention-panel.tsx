import type { ComponentChildren } from 'preact';
import { dateOnly } from '../format.ts';
import { t } from '../i18n.ts';
import { canHold } from '../../domain/records.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { DocumentMeta } from '../types.ts';
import { RecordActForm } from './record-act-form.tsx';
import { Day, PhaseBadge } from './records-bits.tsx';
import { Notice } from './ui.tsx';

const Row = ({ term, children }: { term: string; children: ComponentChildren }) => (
  <>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </>
);

/**
 * Where a destroyed record's content was: the disposal took the original and its text (the
 * server answers 410 for them); its description stays, and this says so instead of a preview.
 */
export const ContentGone = ({ doc }: { doc: Pick<DocumentMeta, 'retention'> }) => {
  const disposal = doc.retention.disposal;
  return (
    <Notice tone="warn">
      <p class="problem-headline">{t('retention.goneTitle')}</p>
      <p>{disposal?.disposedAt ? t('retention.goneOn', { date: dateOnly(disposal.disposedAt) }) : t('retention.gone')}</p>
      {disposal ? (
        <p>
          <Link href={`/disposals/${disposal.id}`}>{t('retention.seeDisposal')}</Link>
        </p>
      ) : null}
    </Notice>
  );
};

/**
 * A record's retention (JRA): its code and date, how long it stays active and inactive, what
 * happens at the end, where it stands now in words, the holds keeping it, and what became of it
 * (destroyed, transferred). Records keepers and auditors may put it on hold from here.
 */
export const RetentionPanel = ({ doc }: { doc: DocumentMeta }) => {
  const { user } = useSession();
  const r = doc.retention;
  const settled = r.phase === 'disposed' || r.phase === 'transferred';
  return (
    <section class="card doc-meta doc-retention" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <dl>
        <Row term={t('retention.phase')}>
          <PhaseBadge phase={r.phase} /> <span class="small">{r.phase ? t(`retention.means.${r.phase}`) : null}</span>
        </Row>
        <Row term={t('doc.classificationCode')}>
          {r.classificationCode ?? t('records.phase.unclassified')}
          {doc.legacyCode ? <span class="small muted"> · {t('retention.legacy', { code: doc.legacyCode })}</span> : null}
        </Row>
        <Row term={t('retention.recordDate')}>
          <Day ymd={r.recordDate} />
        </Row>
        <Row term={t('retention.activeUntil')}>
          <Day ymd={r.activeUntil} />
        </Row>
        <Row term={t('retention.inactiveUntil')}>
          <Day ymd={r.inactiveUntil} />
        </Row>
        <Row term={t('classes.final')}>{r.finalDisposition ? t(`classes.final.${r.finalDisposition}`) : t('doc.none')}</Row>
        {r.holds?.length ? (
          <Row term={t('retention.holds')}>
            <ul class="plain-list">
              {r.holds.map((h) => (
                <li key={h.id}>
                  <Link href={`/holds/${h.id}`}>{h.name}</Link>
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
        {r.transfer ? (
          <Row term={t('retention.transferred')}>
            <Link href={`/transfers/${r.transfer.id}`}>{r.transfer.transferredAt ? dateOnly(r.transfer.transferredAt) : t('transfers.one')}</Link>
          </Row>
        ) : null}
      </dl>
      {!settled && canHold(user) ? (
        <details class="hold-here">
          <summary>{t('retention.holdThis')}</summary>
          <RecordActForm ids={[doc.id]} acts={['hold']} />
        </details>
      ) : null}
    </section>
  );
};
