import { get } from '../api.ts';
import { dateTime } from '../format.ts';
import { BerkasPanel } from './berkas-panel.tsx';
import { useLoad } from '../hooks.ts';
import { label, t } from '../i18n.ts';
import { Link } from '../router.tsx';
import { unitName, useSession } from '../session.tsx';
import type { IncomingLetter, LetterType, OutgoingLetter, Party } from '../types.ts';

interface ChainLink {
  kind: 'incoming' | 'outgoing';
  id: string;
  letterNumber: string | null;
  subject: string;
  party: string | null;
  unitCode: string;
  at: string;
}

/** The whole reply chain the letter is in, oldest first, this one marked; nothing when it stands alone. */
const LetterChain = ({ kind, id }: { kind: ChainLink['kind']; id: string }) => {
  const { units } = useSession();
  const chain = useLoad((signal) => get<{ items: ChainLink[] }>('/letters/thread', { query: { kind, id }, signal }), [kind, id]);
  if (!chain.data || chain.data.items.length < 2) return null;
  return (
    <>
      <h3>{t('thread.chain')}</h3>
      <ol class="letter-chain">
        {chain.data.items.map((c) => {
          const here = c.kind === kind && c.id === id;
          const text = `${c.letterNumber ? `${c.letterNumber} — ` : ''}${c.subject}`;
          return (
            <li key={`${c.kind}-${c.id}`} aria-current={here ? 'page' : undefined}>
              {here ? <strong>{text}</strong> : <Link href={`/${c.kind}/${c.id}`}>{text}</Link>}{' '}
              <span class="small muted">
                ({t(`berkas.kind.${c.kind}`)}, {c.party ?? unitName(units, c.unitCode)}, {dateTime(c.at)})
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
};

/** The parties as a numbered list, the way the letter prints them. */
const Parties = ({ parties }: { parties: Party[] }) => (
  <ol class="party-list">
    {parties.map((p, i) => (
      <li key={`${i}-${p.name}`}>{'unitCode' in p && p.unitCode ? `${p.name} (${p.unitCode})` : p.name}</li>
    ))}
  </ol>
);

/**
 * An outgoing letter's place in its correspondence: its naskah type, addressees and copies, the
 * incoming letter it answers, and (once signed) the registers of this office it was delivered to
 * and the parties outside it was e-mailed to.
 */
export const OutgoingThread = ({ l }: { l: OutgoingLetter }) => {
  const { units } = useSession();
  const types = useLoad((signal) => get<LetterType[]>('/letter-types', { signal }), []);
  const typeName = types.data?.find((x) => x.code === l.type)?.name ?? l.type;
  return (
    <div class="thread">
      {l.type ? (
        <p>
          {t('out.type')}: <strong>{typeName}</strong>
        </p>
      ) : null}
      {l.addressees?.length ? (
        <>
          <h3>{t('out.addressees')}</h3>
          <Parties parties={l.addressees} />
        </>
      ) : null}
      {l.copies?.length ? (
        <>
          <h3>{t('out.copies')}</h3>
          <Parties parties={l.copies} />
        </>
      ) : null}
      {l.inReplyTo ? (
        <p>
          {t('out.replyingTo')} <Link href={`/incoming/${l.inReplyTo}`}>{t('out.theLetterAnswered')}</Link>
        </p>
      ) : null}
      {l.deliveries?.length ? (
        <>
          <h3>{t('out.deliveries')}</h3>
          <ul class="delivery-list">
            {l.deliveries.map((d) => (
              <li key={d.incomingLetterId}>
                <Link href={`/incoming/${d.incomingLetterId}`}>{unitName(units, d.unitCode)}</Link> — {label('delivery', d.kind)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {l.emails?.length ? (
        <>
          <h3>{t('out.emails')}</h3>
          <ul class="delivery-list">
            {l.emails.map((e) => (
              <li key={e.address}>
                {e.name} &lt;{e.address}&gt; — {label('delivery', e.kind)}: <strong>{label('email.state', e.state)}</strong>
                {e.sentAt ? ` ${dateTime(e.sentAt)}` : ''}
                {e.reason ? <span class="small muted"> ({e.reason})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <LetterChain kind="outgoing" id={l.id} />
      <BerkasPanel kind="outgoing" id={l.id} />
    </div>
  );
};

/** An incoming letter's thread: the outgoing letter it came from inside the office, and the replies to it. */
export const IncomingThread = ({ l, canReply }: { l: IncomingLetter; canReply: boolean }) => (
  <div class="thread">
    {l.sourceOutgoingId ? (
      <p>
        {l.forInformation ? <strong>{t('incoming.forInformation')} </strong> : null}
        <Link href={`/outgoing/${l.sourceOutgoingId}`}>{t('incoming.fromOutgoing')}</Link>
      </p>
    ) : null}
    <h3>{t('incoming.replies')}</h3>
    {l.replies?.length ? (
      <ul class="reply-list">
        {l.replies.map((r) => (
          <li key={r.id}>
            <Link href={`/outgoing/${r.id}`}>{r.letterNumber ? `${r.letterNumber} — ${r.subject}` : r.subject}</Link> ({label('outgoing.status', r.status)})
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted small">{t('incoming.noReplies')}</p>
    )}
    {canReply ? (
      <p>
        <Link class="btn" href={`/outgoing/new?inReplyTo=${l.id}`}>
          {t('incoming.reply')}
        </Link>
      </p>
    ) : null}
    <LetterChain kind="incoming" id={l.id} />
    <BerkasPanel kind="incoming" id={l.id} />
  </div>
);
