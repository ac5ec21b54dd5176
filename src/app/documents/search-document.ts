import type { DocumentRecord, PageText } from '../../domain/document.ts';
import type { SearchDocument } from '../../ports/search-index.ts';

/** What the index holds for a document: metadata, access fields and its text. */
export const toSearchDocument = (d: DocumentRecord, pages: PageText[]): SearchDocument => ({
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
  readers: [],
});
