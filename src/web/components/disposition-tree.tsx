import { dateTime } from '../format.ts';
import { t } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { Disposition, DispositionTree } from '../types.ts';
import { ActionList, addresseeName, DueDate } from './letter-bits.tsx';

const Node = ({ d }: { d: Disposition }) => (
  <li class={`dispo-node dispo-${d.status}`}>
    <p class="dispo-line">
      <strong>{d.from.name}</strong> → <strong>{addresseeName(d.to)}</strong>{' '}
      <span class={`badge badge-dispo-${d.status}`}>
        {t(d.status === 'open' ? 'dispo.open' : d.status === 'withdrawn' ? 'dispo.withdrawn' : 'dispo.completed')}
      </span>
      {d.status === 'open' ? <span class="muted small">{d.read ? t('dispo.read') : t('dispo.unread')}</span> : null}
    </p>
    <p class="dispo-instruction">{d.instruction}</p>
    <ActionList actions={d.actions} />
    <p class="small muted">
      {t('dispo.sentAt')} <time dateTime={d.createdAt}>{dateTime(d.createdAt)}</time> · {t('dispo.due')}: <DueDate d={d} />
    </p>
    {d.status === 'completed' ? (
      <p class="dispo-report">
        <span class="small muted">
          {t('dispo.reportBy', { name: d.completedBy?.name ?? '' })} {d.completedAt ? <time dateTime={d.completedAt}>{dateTime(d.completedAt)}</time> : null}:
        </span>{' '}
        {d.report}
        {d.reportDocumentId ? (
          <>
            {' '}
            <Link href={`/documents/${d.reportDocumentId}`}>{t('dispo.reportFile')}</Link>
          </>
        ) : null}
      </p>
    ) : null}
    {d.children?.length ? (
      <ul>
        {d.children.map((c) => (
          <Node key={c.id} d={c} />
        ))}
      </ul>
    ) : null}
  </li>
);

/** Who holds the letter now and since when, then the whole routing, nested. */
export const DispositionTreeView = ({ tree }: { tree: DispositionTree }) => (
  <>
    {tree.holders.length ? (
      <div class="holders">
        <h3>{t('dispo.holders')}</h3>
        <ul>
          {tree.holders.map((h) => (
            <li key={h.dispositionId}>
              <strong>{addresseeName(h.holder)}</strong> {t('dispo.since')} <time dateTime={h.since}>{dateTime(h.since)}</time>
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {tree.items.length ? (
      <ul class="tree dispo-tree">
        {tree.items.map((d) => (
          <Node key={d.id} d={d} />
        ))}
      </ul>
    ) : (
      <p class="muted">{t('dispo.none')}</p>
    )}
  </>
);
