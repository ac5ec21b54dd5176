import type { DocumentRecord, PageText } from '../../domain/document.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { SearchDocument } from '../../ports/search-index.ts';

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

/** The index entries of documents, with their text and grants read in two queries. */
export const loadSearchDocuments = async (db: Pick<Repositories, 'pages' | 'readers'>, docs: DocumentRecord[]): Promise<SearchDocument[]> => {
  const ids = docs.map((d) => d.id);
  const [pages, readers] = await Promise.all([db.pages.getMany(ids), db.readers.ofMany(ids)]);
  return docs.map((d) => toSearchDocument(d, pages.get(d.id) ?? [], readers.get(d.id) ?? []));
};
