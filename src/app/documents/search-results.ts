import { type Actor, canRead } from '../../domain/access.ts';
import type { IncomingLetterRecord, OutgoingLetterRecord } from '../../domain/correspondence.ts';
import type { DocumentRecord, PageText } from '../../domain/document.ts';
import { calendarDateIn } from '../../domain/office-time.ts';
import type { HitDescription, HitLetter } from '../../domain/search-hit.ts';
import type { SearchHit } from '../../ports/search-index.ts';
import type { AppDeps } from '../deps.ts';
import { documentVisibility, scopeOf } from './read-documents.ts';

/** A hit as the search page shows it: what it is, from whom, when, on which page, and where it leads. */
export type DescribedHit = SearchHit & HitDescription;

/** Lower case without diacritics: how a highlighted word is looked for in a page's text. */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The words the engine marked in a passage (HTML with <mark>), folded. */
const markedWords = (html: string): string[] =>
  [...html.matchAll(/<mark>(.*?)<\/mark>/g)].flatMap((m) =>
    fold(m[1]!.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!))
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );

/**
 * The page a passage comes from: the first page holding every marked word (else the most of
 * them). Neither index keeps page numbers, but the stored text keeps each page apart.
 */
export const pageOfPassage = (pages: PageText[], highlight: string | undefined): number | null => {
  if (!highlight || pages.length === 0) return null;
  const words = markedWords(highlight);
  if (words.length === 0) return null;
  let best: { page: number; found: number } | null = null;
  for (const p of pages) {
    const text = fold(p.text);
    const found = words.filter((w) => text.includes(w)).length;
    if (found === words.length) return p.page;
    if (found > 0 && (!best || found > best.found)) best = { page: p.page, found };
  }
  return best?.page ?? null;
};

const describeLetter = (incoming: IncomingLetterRecord | null, outgoing: OutgoingLetterRecord | undefined): HitLetter | null => {
  if (incoming) {
    const { id, agendaNumber, agendaYear, unitCode, status } = incoming;
    return { type: 'incoming', id, agendaNumber, agendaYear, unitCode, status };
  }
  return outgoing ? { type: 'outgoing', id: outgoing.id, status: outgoing.status, signed: outgoing.status === 'signed' } : null;
};

const dateOf = (doc: DocumentRecord | undefined, incoming: IncomingLetterRecord | null, outgoing: OutgoingLetterRecord | undefined, zone: string) =>
  incoming?.letterDate ??
  (outgoing?.signedAt ? calendarDateIn(outgoing.signedAt, zone) : null) ??
  doc?.documentDate ??
  (doc ? calendarDateIn(doc.createdAt, zone) : null);

/**
 * Folds the hits of one outgoing letter into its first place. The signed PDF stands for the
 * letter when it is among them (`signed` holds the signed PDFs' ids); else the best-ranked hit.
 */
const collapse = (hits: DescribedHit[], signed: ReadonlySet<string>): DescribedHit[] => {
  const out: DescribedHit[] = [];
  const at = new Map<string, number>();
  for (const h of hits) {
    const key = h.letter?.type === 'outgoing' ? h.letter.id : null;
    const i = key === null ? undefined : at.get(key);
    if (i === undefined) {
      if (key !== null) at.set(key, out.length);
      out.push(h);
      continue;
    }
    const first = out[i]!;
    const [keep, other] = signed.has(h.id) ? [h, first] : [first, h];
    out[i] = { ...keep, collapsed: [...first.collapsed, other.id] };
  }
  return out;
};

/**
 * A signed letter delivered internally is both an outgoing letter and an incoming entry. Whoever
 * may read its draft (the drafting unit, reviewers, the signer) sees the outgoing letter, where
 * its drafts fold in; a recipient unit's reader sees their register's entry, the page they can open.
 */
const preferOutgoingWhereReadable = async (
  deps: AppDeps,
  actor: Actor,
  outgoing: Map<string, OutgoingLetterRecord>,
  incoming: Map<string, IncomingLetterRecord | null>,
): Promise<void> => {
  const both = [...outgoing].filter(([docId]) => incoming.get(docId));
  if (both.length === 0) return;
  const draftIds = [...new Set(both.map(([, l]) => l.documentId))];
  const [drafts, readers, scope] = await Promise.all([deps.db.documents.findManyByIds(draftIds), deps.db.readers.ofMany(draftIds), scopeOf(deps, actor)]);
  const readable = new Set(drafts.filter((d) => canRead(scope, { ...d, readers: readers.get(d.id) ?? [] })).map((d) => d.id));
  for (const [docId, letter] of both) if (readable.has(letter.documentId)) incoming.set(docId, null);
};

/**
 * Says what each hit of a page of search results is (issue 18): letter number, sender, date,
 * the page of its passage, the letter it belongs to with that letter's replies, and one result
 * per outgoing letter however many of its drafts and its signed PDF matched. A few reads per
 * page of hits, none per match.
 */
export const describeHits = async (deps: AppDeps, actor: Actor, hits: SearchHit[]): Promise<DescribedHit[]> => {
  const ids = hits.map((h) => h.id);
  if (ids.length === 0) return [];
  const [docs, pages, outgoing] = await Promise.all([deps.db.documents.findManyByIds(ids), deps.db.pages.getMany(ids), deps.db.outgoing.ofDocuments(ids)]);
  const docById = new Map(docs.map((d) => [d.id, d]));
  const incoming = new Map<string, IncomingLetterRecord | null>();
  // A signed letter delivered to units of the office is also an entry of their registers.
  for (const h of hits) if (h.kind === 'incoming' || outgoing.has(h.id)) incoming.set(h.id, await deps.db.incoming.findByDocument(h.id));
  await preferOutgoingWhereReadable(deps, actor, outgoing, incoming);
  const visibility = await documentVisibility(deps, actor);
  const described: DescribedHit[] = [];
  for (const h of hits) {
    const doc = docById.get(h.id);
    const inc = incoming.get(h.id) ?? null;
    const out = outgoing.get(h.id);
    const replies = inc ? (await deps.db.outgoing.list({ inReplyTo: inc.id }, visibility, 1, 5)).items : [];
    described.push({
      ...h,
      letterNumber: inc?.letterNumber ?? out?.letterNumber ?? doc?.letterNumber ?? null,
      sender: inc?.sender ?? doc?.sender ?? null,
      date: dateOf(doc, inc, out, deps.officeTimeZone),
      page: pageOfPassage(pages.get(h.id) ?? [], h.highlights[0]),
      letter: describeLetter(inc, out),
      replies: replies.map((r) => ({ id: r.id, subject: r.subject, letterNumber: r.letterNumber })),
      collapsed: [],
    });
  }
  const signed = new Set([...outgoing.values()].flatMap((l) => (l.signedDocumentId ? [l.signedDocumentId] : [])));
  return collapse(described, signed);
};
