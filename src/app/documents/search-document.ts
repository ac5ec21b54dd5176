import type { DocumentRecord, PageText } from '../../domain/document.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { SearchDocument, SearchIndex } from '../../ports/search-index.ts';

/** What the index holds for a document: metadata, access fields (unit, level, granted readers) and its text. */
export const toSearchDocument = (d: DocumentRecord, pages: PageText[], readers: string[]): SearchDocument => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  text: pages.map((p) => p.text).join('\n\n'),
  letterNumber: d.letterNumber,
  sender: d.sender,
  tags: d.tags,
  classificationCode: d.classificationCode,
  unitCode: d.unitCode,
  securityLevel: d.securityLevel,
  documentDate: d.documentDate,
  createdAt: d.createdAt.toISOString(),
  readers,
  retentionPhase: d.retention.phase,
});

/**
 * The index entries of documents, with their text and grants read in two queries. The scan of a
 * void agenda entry has none: the entry was a mistake, and normal search does not find it (the
 * letter stays readable from the register, marked void).
 */
export const loadSearchDocuments = async (db: Pick<Repositories, 'pages' | 'readers' | 'incoming'>, docs: DocumentRecord[]): Promise<SearchDocument[]> => {
  const hidden = await unsearchable(db, docs);
  const kept = docs.filter((d) => !hidden.has(d.id));
  const ids = kept.map((d) => d.id);
  const [pages, readers] = await Promise.all([db.pages.getMany(ids), db.readers.ofMany(ids)]);
  return kept.map((d) => toSearchDocument(d, pages.get(d.id) ?? [], readers.get(d.id) ?? []));
};

/** Which of these documents the index must not hold: the scans of void agenda entries. */
export const unsearchable = (db: Pick<Repositories, 'incoming'>, docs: DocumentRecord[]): Promise<Set<string>> =>
  db.incoming.voidScans(docs.filter((d) => d.kind === 'incoming').map((d) => d.id));

/** Writes these documents' entries to the index, and takes out those it must not hold. */
export const writeIndex = async (deps: { db: Repositories; search: SearchIndex }, docs: DocumentRecord[]): Promise<void> => {
  const entries = await loadSearchDocuments(deps.db, docs);
  const kept = new Set(entries.map((e) => e.id));
  const gone = docs.filter((d) => !kept.has(d.id)).map((d) => d.id);
  if (entries.length) await deps.search.upsert(entries);
  if (gone.length) await deps.search.remove(gone);
};
