import type { HitDescription } from '../../domain/search-hit.ts';
import { dateOnly } from '../format.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';

/**
 * What a search result is (issue 18): agenda and letter number, sender, date, the page of the
 * passage; links back to its letter, the letter's dispositions and replies; how many drafts or
 * copies of the same letter were folded into it.
 */
export const HitDetails = ({ hit }: { hit: HitDescription }) => {
  const l = hit.letter;
  const facts = [
    l?.type === 'incoming' ? t('hit.agenda', { n: `${l.agendaNumber}/${l.agendaYear}` }) : null,
    hit.letterNumber,
    hit.sender,
    hit.date ? dateOnly(hit.date) : null,
    hit.page !== null ? t('hit.page', { n: hit.page }) : null,
  ].filter((x): x is string => Boolean(x));
  return (
    <>
      {facts.length ? <p class="hit-meta small">{facts.join(' · ')}</p> : null}
      {l || hit.collapsed.length ? (
        <ul class="hit-links small">
          {l?.type === 'incoming' ? (
            <>
              <li>
                <Link href={`/incoming/${l.id}`}>{t('hit.incoming')}</Link>
              </li>
              <li>
                <Link href={`/incoming/${l.id}#routing-title`}>{t('hit.dispositions')}</Link>
              </li>
            </>
          ) : null}
          {l?.type === 'outgoing' ? (
            <li>
              <Link href={`/outgoing/${l.id}`}>{l.signed ? t('hit.outgoingSigned') : t('hit.outgoing')}</Link>
            </li>
          ) : null}
          {hit.replies.map((r) => (
            <li key={r.id}>
              <Link href={`/outgoing/${r.id}`}>{t('hit.reply', { subject: r.letterNumber ?? r.subject })}</Link>
            </li>
          ))}
          {hit.collapsed.length ? <li class="muted">{t('hit.collapsed', { n: hit.collapsed.length })}</li> : null}
        </ul>
      ) : null}
    </>
  );
};
