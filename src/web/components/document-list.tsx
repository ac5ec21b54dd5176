import { API } from '../api.ts';
import { Highlighted } from '../highlight.tsx';
import { label } from '../i18n.ts';
import { Link } from '../router.tsx';
import type { HitDescription } from '../../domain/search-hit.ts';
import type { SearchHit } from '../types.ts';
import { HitDetails } from './hit-details.tsx';

/** Search hits: title as a link to the document page, its kind, what it is (when the answer says), the matched passages. */
export const DocumentList = ({ items }: { items: (SearchHit & Partial<HitDescription>)[] }) => (
  <ol class="doc-list">
    {items.map((hit) => (
      <li key={hit.id} class="doc-hit">
        {/* Decorative: the title beside it names the document. Hidden when there is none yet. */}
        <img
          class="doc-thumb"
          src={`${API}/documents/${encodeURIComponent(hit.id)}/thumbnail`}
          alt=""
          loading="lazy"
          width={60}
          onError={(e) => ((e.currentTarget as HTMLImageElement).hidden = true)}
        />
        <h3>
          <Link href={`/documents/${hit.id}`}>{hit.title || hit.id}</Link>
        </h3>
        <span class={`badge badge-${hit.kind}`}>{label('kind', hit.kind)}</span>
        {hit.collapsed ? <HitDetails hit={hit as HitDescription} /> : null}
        {hit.highlights.map((h, i) => (
          <p key={i} class="passage">
            <Highlighted html={h} />
          </p>
        ))}
      </li>
    ))}
  </ol>
);
